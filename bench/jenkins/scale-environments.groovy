// Creates ENVIRONMENTS GitOps environments for the scale benchmark (scale.sh): top-level environment
// scale-app-NNNN renders GIT_PATH_PREFIX/app-NNNN of GIT_URL into namespace scale-NNNN, with automatic sync and
// self-heal on and every other setting at its default (a 3-minute check interval, 4 concurrent checks).
// Run with the script console (POST /scriptText); the values come from the script's first lines, which scale.sh
// writes.
import io.jenkins.plugins.gitops.item.GitOpsEnvironment
import jenkins.model.Jenkins

int count = ENVIRONMENTS as int
def jenkins = Jenkins.instance
for (int i = 0; i < count; i++) {
    String name = String.format('app-%04d', i)
    GitOpsEnvironment environment = jenkins.getItem("scale-${name}") ?: jenkins.createProject(GitOpsEnvironment,
            "scale-${name}")
    environment.repositoryUrl = GIT_URL
    environment.path = "${GIT_PATH_PREFIX}/${name}"
    environment.namespace = String.format('scale-%04d', i)
    environment.serverUrl = SERVER_URL
    environment.clusterCredentialsId = CREDENTIALS_ID
    environment.automated = true
    environment.selfHeal = true
    environment.prune = true
    environment.waitForHealth = false // the benchmark's API server runs no controllers: nothing would become ready
    environment.save()
}
println "environments: ${count}"
