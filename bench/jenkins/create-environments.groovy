// Creates N GitOps environments with a recorded status, for measuring the dashboard on a real Jenkins.
// Run in the script console (Manage Jenkins > Script Console) or with
//   java -jar jenkins-cli.jar -s $JENKINS_URL -auth $USER:$TOKEN groovy = < create-environments.groovy
// The statuses are what checks would record (no Git or cluster is contacted): a spread of sync states,
// health, drift counts and commits, so that sorting and filtering have work to do.
import io.jenkins.plugins.gitops.item.EnvironmentStatus
import io.jenkins.plugins.gitops.item.GitOpsEnvironment
import io.jenkins.plugins.gitops.engine.health.HealthStatus
import io.jenkins.plugins.gitops.engine.sync.CheckDecision
import java.time.Instant
import jenkins.model.Jenkins

int count = (System.getenv('ENVIRONMENTS') ?: '500') as int
def folder = Jenkins.instance.getItem('bench') ?: Jenkins.instance.createProject(
        com.cloudbees.hudson.plugins.folder.Folder, 'bench')
def random = new Random(42)
def health = [HealthStatus.HEALTHY, HealthStatus.HEALTHY, HealthStatus.HEALTHY, HealthStatus.PROGRESSING,
              HealthStatus.DEGRADED, HealthStatus.MISSING]
for (int i = 0; i < count; i++) {
    String name = String.format('app-%03d', i)
    GitOpsEnvironment environment = folder.getItem(name) ?: folder.createProject(GitOpsEnvironment, name)
    environment.repositoryUrl = "https://git.example.com/team-${i % 20}/config.git"
    environment.path = "apps/app-${i}"
    environment.namespace = "team-${i % 20}"
    environment.serverUrl = "https://k8s-${i % 5}.example.com:6443"
    environment.clusterCredentialsId = 'bench-kubeconfig'
    environment.checkIntervalMinutes = 0 // no periodic checks: the hosts above do not exist
    environment.save()
    String commit = String.format('%040x', new BigInteger(160, random))
    boolean drift = random.nextInt(4) == 0
    def observation = random.nextInt(25) == 0
            ? CheckDecision.Observation.failed(commit, "https://git.example.com/team-${i % 20}/config.git: cannot reach the Git server")
            : CheckDecision.Observation.ok(commit, drift, health[random.nextInt(health.size())])
    def when = Instant.now().minusSeconds(random.nextInt(3600))
    def status = EnvironmentStatus.of(when, observation, commit.substring(0, 7), "Change ${i}")
            .withObjectCounts(drift ? 1 + random.nextInt(12) : 0, random.nextInt(3))
            .withLastSync(when.minusSeconds(random.nextInt(86400)), 1 + random.nextInt(40), 'SUCCESS')
    environment.updateStatus(status)
}
println "created ${count} environments in folder 'bench'"
