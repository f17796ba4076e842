// Promote, sync, wait: the example of docs/pipeline-steps.md, scripted.
def promoted = gitopsSetImage(environment: 'shop', image: 'registry.example.com/shop/web', tag: params.TAG)
echo "promoted ${promoted}"
def sync = gitopsSync(environment: 'shop', timeout: 5)
echo "sync ${sync.result} of ${sync.commit}"
def status = gitopsStatus(environment: 'shop', waitFor: 'Synced', commit: promoted, timeout: 5)
echo "status ${status.syncStatus} at ${status.commit}"
