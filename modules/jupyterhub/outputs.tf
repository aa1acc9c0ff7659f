output "hub_url" {
  description = "URL of the hub."
  value       = local.hub_url
}

output "oauth_callback_url" {
  description = "Redirect URI to register with the identity provider for oidc.client_id."
  value       = local.oauth_callback_url
}

output "namespace" {
  description = "Namespace of the release."
  value       = helm_release.hub.namespace
}

output "release_name" {
  description = "Helm release name."
  value       = helm_release.hub.name
}

output "chart_version" {
  description = "Version of the zero-to-jupyterhub chart deployed."
  value       = helm_release.hub.version
}

output "oauth_secret_name" {
  description = "Kubernetes secret holding the OIDC client secret (key client-secret); its value is never output."
  value       = kubernetes_secret_v1.oauth.metadata[0].name
}

output "proxy_service_type" {
  description = "Service type of the proxy (LoadBalancer: look its external IP up to point the DNS name at it)."
  value       = local.proxy_service_type
}
