def status = gitopsStatus(environment: 'shop-prod', waitFor: 'Synced')
echo "syncStatus=${status.syncStatus} commit=${status.commit}"
