gitopsStatus(environment: 'shop-prod', waitFor: 'Synced', timeout: 1)
echo 'not reached: the wait timed out'
