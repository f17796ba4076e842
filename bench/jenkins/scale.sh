#!/usr/bin/env bash
# A thousand environments on one controller (issue 17): checks that keep their interval, drift healed in seconds,
# the API load and the controller's heap, on a running Jenkins with the plugin and a real API server.
#
# usage: JENKINS_URL=http://localhost:8080 [JENKINS_AUTH=user:apitoken] KUBECONFIG=<admin kubeconfig> \
#        GIT_URL=<repository Jenkins reads> GIT_WORK=<a clone of it that may push> SERVER_URL=<API server URL> \
#        CREDENTIALS_ID=<Jenkins cluster credentials> [ENVIRONMENTS=1000] [MINUTES=15] bench/jenkins/scale.sh
#
# Each environment renders 20 to 50 ConfigMaps from its own folder of the repository into a namespace of its own
# (namespaces stand in for clusters), with automatic sync and self-heal; every other setting is the default. After
# every environment's first sync, the benchmark watches MINUTES of steady state and prints BENCH lines:
#   checks_on_time_ratio        periodic checks started within interval + jitter, in the steady window (goal 0.99)
#   check_lag_p99_seconds       the pool's p99 lateness at the end
#   api_requests_per_minute     requests the API server served in the untouched half of the window (a watch
#                               counts once, when it opens; the benchmark itself sends none then)
#   edit_to_heal_seconds        median time from a kubectl edit of a declared field until the sync reverted it
#   heap_mb_per_1000_objects    controller heap after a full GC, above the heap before the environments existed
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
url=${JENKINS_URL:-http://localhost:8080}
count=${ENVIRONMENTS:-1000}
minutes=${MINUTES:-15}
: "${GIT_URL:?}" "${GIT_WORK:?}" "${SERVER_URL:?}" "${CREDENTIALS_ID:?}" "${KUBECONFIG:?}"

curl_jenkins() {
  if [[ -n "${JENKINS_AUTH:-}" ]]; then curl -sf -u "$JENKINS_AUTH" "$@"; return; fi
  local jar; jar="${TMPDIR:-/tmp}/scale-bench-cookies"
  local crumb; crumb=$(curl -sf -b "$jar" -c "$jar" "$url/crumbIssuer/api/json" \
    | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["crumbRequestField"]+":"+d["crumb"])')
  curl -sf -b "$jar" -c "$jar" -H "$crumb" "$@"
}
groovy() { # groovy <file> [name=value...]: runs a script in the script console with the values as variables
  local file=$1; shift; local script=""
  for assignment in "$@"; do script+="${assignment%%=*} = '${assignment#*=}'"$'\n'; done
  script+="$(cat "$file")"
  curl_jenkins -X POST "$url/scriptText" --data-urlencode "script=$script"
}
figure() { sed -n "s/^$1=//p" <<<"$2"; }
requests_total() { # every request the API server counted, by its own metrics
  kubectl get --raw /metrics | awk '/^apiserver_request_total[{]/ {sum += $NF} END {printf "%d\n", sum}'
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

echo "== $count environments of 20 to 50 ConfigMaps in $GIT_URL"
total_objects=0
for ((i = 0; i < count; i++)); do
  name=$(printf 'app-%04d' "$i"); dir="$GIT_WORK/scale/$name"; mkdir -p "$dir"; objects=$((20 + i % 31))
  total_objects=$((total_objects + objects))
  : > "$dir/configmaps.yaml"
  for ((j = 0; j < objects; j++)); do
    printf -- '---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings-%02d\ndata:\n  color: blue\n  size: "%d"\n' \
      "$j" "$j" >> "$dir/configmaps.yaml"
  done
done
git -C "$GIT_WORK" add scale && { git -C "$GIT_WORK" commit -qm "scale benchmark: $count environments" >/dev/null || true; }
git -C "$GIT_WORK" push -q origin HEAD
for ((i = 0; i < count; i++)); do printf 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: scale-%04d\n---\n' "$i"; done \
  | kubectl apply -f - >/dev/null

before=$(groovy "$here/scale-figures.groovy")
echo "== creating the environments (heap before: $(figure heap_used_mb "$before") MB)"
groovy "$here/scale-environments.groovy" "ENVIRONMENTS=$count" "GIT_URL=$GIT_URL" "GIT_PATH_PREFIX=scale" \
  "SERVER_URL=$SERVER_URL" "CREDENTIALS_ID=$CREDENTIALS_ID"
start=$(date +%s)
while :; do
  now=$(groovy "$here/scale-figures.groovy")
  synced=$(figure synced "$now")
  echo "   $(($(date +%s) - start)) s: $synced of $count environments synced"
  [[ "$synced" -ge "$count" ]] && break
  sleep 30
done
echo "BENCH scale_first_sync_all_seconds=$(($(date +%s) - start))"

echo "== $minutes minutes of steady state: the first half untouched (API load), the second with edits"
window_start=$(groovy "$here/scale-figures.groovy"); requests_start=$(requests_total); t0=$(date +%s)
sleep $((minutes * 30))
requests_end=$(requests_total); t1=$(date +%s)
heals=()
while (($(date +%s) - t0 < minutes * 60)); do
  # an edit every half minute, of a declared field of a random environment's ConfigMap, timed until healed
  i=$((RANDOM % count)); ns=$(printf 'scale-%04d' "$i")
  edit=$(date +%s.%N)
  kubectl -n "$ns" patch configmap settings-00 --type=merge -p '{"data":{"color":"edited"}}' >/dev/null
  until [[ "$(kubectl -n "$ns" get configmap settings-00 -o jsonpath='{.data.color}')" == blue ]]; do
    sleep 0.2
    if (( $(date +%s) - ${edit%.*} > 600 )); then echo "   $ns not healed within 10 minutes"; break; fi
  done
  heals+=("$(echo "$(date +%s.%N) - $edit" | bc)")
  sleep 30
done
window_end=$(groovy "$here/scale-figures.groovy")

started=$(( $(figure checks_started "$window_end") - $(figure checks_started "$window_start") ))
on_time_checks=$(( $(figure checks_on_time "$window_end") - $(figure checks_on_time "$window_start") ))
on_time=$(python3 -c "print('%.3f' % ($on_time_checks / $started) if $started > 0 else 'NaN')")
echo "BENCH scale_environments=$count"
echo "BENCH scale_objects=$total_objects"
echo "BENCH periodic_checks_in_window=$started"
echo "BENCH checks_on_time_ratio=$on_time"
echo "BENCH check_lag_p99_seconds=$(figure check_lag_p99_seconds "$window_end")"
echo "BENCH api_requests_per_minute=$(( (requests_end - requests_start) * 60 / (t1 - t0) ))"
echo "BENCH edit_to_heal_seconds=$(printf '%s\n' "${heals[@]}" | median)"
heap_before=$(figure heap_used_mb "$before"); heap_after=$(figure heap_used_mb "$window_end")
if [[ "$(figure environments "$before")" -eq 0 ]]; then
  echo "BENCH heap_mb_per_1000_objects=$(python3 -c "print('%.1f' % (($heap_after - $heap_before) * 1000 / $total_objects))")"
else # the environments existed before this run: the heap before held them already
  echo "heap_mb_per_1000_objects: not measured; delete the scale-app-* environments (or restart Jenkins) first"
fi
