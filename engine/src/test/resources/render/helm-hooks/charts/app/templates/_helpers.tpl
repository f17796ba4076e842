{{/* The annotations of a hook that runs after the release's objects, from a helper. */}}
{{- define "app.postHook" -}}
helm.sh/hook: post-install,post-upgrade
{{- end }}
