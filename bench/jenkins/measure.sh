#!/bin/bash
# The GitOps dashboard with many environments, side by side with Jenkins' own list of the same items.
#
# usage: JENKINS_URL=http://localhost:8080 JENKINS_AUTH=user:token bench/jenkins/measure.sh [rounds]
#
# Needs a running Jenkins with the plugin and the environments of create-environments.groovy (folder "bench").
# Peer: the folder's own page (Jenkins core's list view of the same 500 items, with its status columns). Both
# are fetched alternately, after one warm-up each; the medians and their ratio are printed as BENCH lines.
set -euo pipefail
url=${JENKINS_URL:-http://localhost:8080}
auth=${JENKINS_AUTH:?set JENKINS_AUTH=user:apitoken}
rounds=${1:-15}

time_of() { curl -s -o /dev/null -u "$auth" -w '%{time_total}\n' "$url/$1"; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

rows=$(curl -s -u "$auth" "$url/gitops/api/json?tree=environmentCount" | sed 's/.*"environmentCount":\([0-9]*\).*/\1/')
time_of gitops/ > /dev/null; time_of job/bench/ > /dev/null
dashboard=(); peer=()
for ((i = 0; i < rounds; i++)); do
  dashboard+=("$(time_of 'gitops/?sort=drift')"); peer+=("$(time_of job/bench/)")
done
d=$(printf '%s\n' "${dashboard[@]}" | median); p=$(printf '%s\n' "${peer[@]}" | median)
echo "BENCH dashboard_environments=$rows"
echo "BENCH dashboard_median_seconds=$d"
echo "BENCH folder_view_median_seconds=$p"
echo "BENCH dashboard_vs_folder_view_ratio=$(awk -v d="$d" -v p="$p" 'BEGIN {printf "%.2f", d / p}')"
