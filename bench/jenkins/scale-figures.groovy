// Prints the controller's side of the scale benchmark (scale.sh) as key=value lines: how late periodic checks
// start (the check pool's own measure), how many environments have synced, and the heap after a full collection.
import hudson.ExtensionList
import io.jenkins.plugins.gitops.item.GitOpsEnvironment
import io.jenkins.plugins.gitops.scheduling.PeriodicReconciler
import jenkins.model.Jenkins

def lateness = ExtensionList.lookupSingleton(PeriodicReconciler).lateness().orElse(null)
def environments = Jenkins.instance.getAllItems(GitOpsEnvironment).findAll { it.fullName.startsWith('scale-app-') }
int synced = environments.count { it.status?.lastSync != null }
System.gc(); System.gc()
def runtime = Runtime.runtime
println "environments=${environments.size()}"
println "synced=${synced}"
println "checks_started=${lateness == null ? 0 : lateness.checksStarted()}"
println "checks_on_time=${lateness == null ? 0 : lateness.checksOnTime()}"
println "checks_on_time_ratio=${lateness == null ? 'NaN' : String.format('%.3f', lateness.onTimeRatio())}"
println "check_lag_p99_seconds=${lateness == null ? 'NaN' : lateness.p99().toMillis() / 1000.0}"
println "heap_used_mb=${(runtime.totalMemory() - runtime.freeMemory()) >> 20}"
