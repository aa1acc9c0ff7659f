# Plan-only tests of the rendered chart values and of the input validation, with mock helm and
# kubernetes providers (Terraform >= 1.7). The apply test with the stand-in providers on crd-sim is
# tests/modules/run.sh's run of examples/jupyterhub.

mock_provider "helm" {}
mock_provider "kubernetes" {}

variables {
  hostname = "hub.lab.example.org"
  oidc = {
    client_id      = "jupyterhub"
    authorize_url  = "https://login.example.org/realms/lab/protocol/openid-connect/auth"
    token_url      = "https://login.example.org/realms/lab/protocol/openid-connect/token"
    userdata_url   = "https://login.example.org/realms/lab/protocol/openid-connect/userinfo"
    allowed_groups = ["climate-lab"]
  }
  oidc_client_secret = "test-client-secret-must-not-leak"
}

run "secure_defaults" {
  command = plan

  assert {
    condition     = yamldecode(helm_release.hub.values[0]).hub.config.JupyterHub.authenticator_class == "generic-oauth"
    error_message = "The hub must use GenericOAuthenticator, never the chart's dummy authenticator."
  }
  assert {
    condition     = yamldecode(helm_release.hub.values[0]).hub.config.Authenticator.allow_all == false
    error_message = "allow_all must be false by default."
  }
  assert {
    condition     = yamldecode(helm_release.hub.values[0]).hub.config.GenericOAuthenticator.allowed_groups == ["climate-lab"]
    error_message = "allowed_groups must reach GenericOAuthenticator."
  }
  assert {
    condition     = !strcontains(join("\n", helm_release.hub.values), "test-client-secret-must-not-leak")
    error_message = "The client secret must never be in the chart values."
  }
  assert {
    condition     = yamldecode(helm_release.hub.values[0]).hub.extraEnv.OAUTH_CLIENT_SECRET.valueFrom.secretKeyRef == { name = "jupyterhub-oauth", key = "client-secret" }
    error_message = "The hub must read the client secret from the module's Kubernetes secret."
  }
  assert {
    condition     = yamldecode(helm_release.hub.values[0]).hub.config.GenericOAuthenticator.oauth_callback_url == "https://hub.lab.example.org/hub/oauth_callback"
    error_message = "The callback URL must be derived from the hostname."
  }
  assert {
    condition     = output.oauth_callback_url == "https://hub.lab.example.org/hub/oauth_callback" && output.hub_url == "https://hub.lab.example.org/"
    error_message = "hub_url and oauth_callback_url outputs."
  }
  assert {
    condition     = yamldecode(helm_release.hub.values[0]).prePuller.hook.enabled == false && yamldecode(helm_release.hub.values[0]).prePuller.continuous.enabled == false
    error_message = "Pre-pullers must be off by default."
  }
  assert {
    condition = alltrue([
      yamldecode(helm_release.hub.values[0]).singleuser.networkPolicy.enabled,
      yamldecode(helm_release.hub.values[0]).hub.networkPolicy.enabled,
      yamldecode(helm_release.hub.values[0]).proxy.chp.networkPolicy.enabled,
    ])
    error_message = "Network policies must be on by default."
  }
  assert {
    condition     = yamldecode(helm_release.hub.values[0]).ingress.enabled && yamldecode(helm_release.hub.values[0]).ingress.annotations["cert-manager.io/cluster-issuer"] == "letsencrypt"
    error_message = "The default TLS mode is an ingress with a cert-manager certificate."
  }
  assert {
    condition     = helm_release.hub.chart == "jupyterhub" && helm_release.hub.version == "4.4.0" && helm_release.hub.repository == "https://hub.jupyter.org/helm-chart/"
    error_message = "The chart and its pinned version."
  }
  assert {
    condition     = kubernetes_secret_v1.oauth.metadata[0].namespace == "jupyterhub" && kubernetes_secret_v1.oauth.data_wo_revision == 1
    error_message = "The OAuth secret lives in the release's namespace, revision 1."
  }
  assert {
    condition     = length(kubernetes_secret_v1.onedata) == 0
    error_message = "No Onedata secret without onedata."
  }
}

run "profiles_gpu_and_groups" {
  command = plan

  variables {
    profiles = [
      { display_name = "Small", slug = "small", default = true, cpu = 1, memory = "2G" },
      { display_name = "GPU", slug = "gpu", gpu = 1, memory = "16G", node_selector = { "capi.stackhpc.com/node-group" = "gpu" }, allowed_groups = ["gpu-users"] },
    ]
  }

  assert {
    condition     = yamldecode(helm_release.hub.values[0]).singleuser.profileList[1].kubespawner_override.extra_resource_limits["nvidia.com/gpu"] == "1"
    error_message = "A GPU profile requests nvidia.com/gpu."
  }
  assert {
    condition     = yamldecode(helm_release.hub.values[0]).singleuser.profileList[0].kubespawner_override.extra_resource_limits == {}
    error_message = "Profiles without GPUs reset the GPU request, so that it never persists across profiles."
  }
  assert {
    condition     = yamldecode(helm_release.hub.values[0]).singleuser.profileList[1].kubespawner_override.node_selector == { "capi.stackhpc.com/node-group" = "gpu" }
    error_message = "A profile's node selector."
  }
  assert {
    condition     = strcontains(yamldecode(helm_release.hub.values[0]).hub.extraConfig["10-crd-group-profiles"], "gpu-users")
    error_message = "Group-limited profiles are filtered by a profile_list callable."
  }
}

run "onedata_mount" {
  command = plan

  variables {
    onedata = {
      space_name    = "climate-data"
      provider_host = "oneprovider.toulouse.example.org"
    }
    onedata_token = "onedata-token-must-not-leak"
  }

  assert {
    condition     = yamldecode(helm_release.hub.values[0]).singleuser.extraContainers[0].name == "oneclient"
    error_message = "The oneclient sidecar."
  }
  assert {
    condition     = !strcontains(join("\n", helm_release.hub.values), "onedata-token-must-not-leak")
    error_message = "The Onedata token must never be in the chart values."
  }
  assert {
    condition     = length(kubernetes_secret_v1.onedata) == 1
    error_message = "The Onedata token goes to a secret."
  }
}

run "rejects_a_hub_nobody_can_log_in_to" {
  command = plan

  variables {
    oidc = {
      client_id     = "jupyterhub"
      authorize_url = "https://login.example.org/auth"
      token_url     = "https://login.example.org/token"
      userdata_url  = "https://login.example.org/userinfo"
    }
  }

  expect_failures = [var.oidc]
}

run "rejects_letsencrypt_without_email" {
  command = plan

  variables {
    tls = { mode = "letsencrypt" }
  }

  expect_failures = [var.tls]
}

run "rejects_a_url_as_hostname" {
  command = plan

  variables {
    hostname = "https://hub.example.org/"
  }

  expect_failures = [var.hostname]
}

run "rejects_onedata_without_token" {
  command = plan

  variables {
    onedata = {
      space_name    = "climate-data"
      provider_host = "oneprovider.toulouse.example.org"
    }
  }

  expect_failures = [var.onedata_token]
}

run "letsencrypt_mode_uses_autohttps_without_ingress" {
  command = plan

  variables {
    tls = { mode = "letsencrypt", letsencrypt_email = "admin@lab.example.org" }
  }

  assert {
    condition     = yamldecode(helm_release.hub.values[0]).proxy.https == { enabled = true, type = "letsencrypt", hosts = ["hub.lab.example.org"], letsencrypt = { contactEmail = "admin@lab.example.org" } }
    error_message = "letsencrypt mode: the chart's autohttps with the contact address."
  }
  assert {
    condition     = yamldecode(helm_release.hub.values[0]).ingress == { enabled = false } && yamldecode(helm_release.hub.values[0]).proxy.service.type == "LoadBalancer"
    error_message = "letsencrypt mode: no ingress, the proxy takes the load balancer."
  }
}

run "existing_tls_secret_and_extra_values" {
  command = plan

  variables {
    tls          = { mode = "secret", secret_name = "hub-tls" }
    extra_values = ["singleuser:\n  defaultUrl: /tree\n"]
  }

  assert {
    condition     = yamldecode(helm_release.hub.values[0]).ingress.tls == [{ hosts = ["hub.lab.example.org"], secretName = "hub-tls" }] && yamldecode(helm_release.hub.values[0]).ingress.annotations == {}
    error_message = "secret mode: the ingress uses the given secret, no cert-manager annotation."
  }
  assert {
    condition     = length(helm_release.hub.values) == 2 && helm_release.hub.values[1] == "singleuser:\n  defaultUrl: /tree\n"
    error_message = "extra_values come after the module's values (Helm merges later documents over earlier ones)."
  }
}
