def sync = gitopsSync(environment: 'shop-prod', propagate: false)
echo "result=${sync.result} number=${sync.number}"
