def status = gitopsStatus(environment: 'shop-prod')
echo "syncStatus=${status.syncStatus}"
echo "health=${status.health}"
echo "revision=${status.revision}"
echo "commit=${status.commit}"
echo "lastCheck=${status.lastCheck}"
def waited = gitopsStatus(environment: 'shop-prod', waitFor: 'Synced', timeout: 1)
echo "waited=${waited.syncStatus}"
