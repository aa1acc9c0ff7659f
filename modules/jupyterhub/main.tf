# JupyterHub (the zero-to-jupyterhub chart) on a Kubernetes cluster the caller's helm and
# kubernetes providers point at. This module has no provider block (so that it can be used with
# count, for_each and depends_on): configure both providers in the root module, e.g. from the
# ephemeral crd_k8s_kubeconfig (examples/jupyterhub).
#
# Secrets never reach the chart values, the plan or the state: the OIDC client secret and the
# Onedata token go into Kubernetes secrets through write-only arguments (data_wo), and the hub and
# the oneclient sidecars read them from environment variables (valueFrom.secretKeyRef).

locals {
  hub_url            = "https://${var.hostname}/"
  oauth_callback_url = "https://${var.hostname}/hub/oauth_callback"
  oauth_secret_name  = "${var.release_name}-oauth"
  onedata_secret     = "${var.release_name}-onedata"
  use_ingress        = contains(["cert-manager", "secret"], var.tls.mode)
  proxy_service_type = coalesce(var.proxy_service_type, local.use_ingress ? "ClusterIP" : "LoadBalancer")
  tls_secret_name    = var.tls.mode == "secret" ? var.tls.secret_name : "${var.release_name}-tls"

  # Authentication: GenericOAuthenticator, nobody in unless allowed (JupyterHub 5 semantics).
  authenticator = {
    JupyterHub = {
      authenticator_class = "generic-oauth"
    }
    Authenticator = merge(
      {
        allow_all   = var.allow_all
        admin_users = var.admin_users
      },
      length(var.oidc.allowed_users) > 0 ? { allowed_users = var.oidc.allowed_users } : {},
      var.oidc.manage_groups ? { manage_groups = true } : {},
    )
    GenericOAuthenticator = merge(
      {
        client_id          = var.oidc.client_id
        oauth_callback_url = local.oauth_callback_url
        authorize_url      = var.oidc.authorize_url
        token_url          = var.oidc.token_url
        userdata_url       = var.oidc.userdata_url
        scope              = var.oidc.scopes
        username_claim     = var.oidc.username_claim
        login_service      = "institutional login"
      },
      length(var.oidc.allowed_groups) + length(var.oidc.admin_groups) > 0 || var.oidc.manage_groups ? { auth_state_groups_key = "oauth_user.${var.oidc.groups_claim}" } : {},
      length(var.oidc.allowed_groups) > 0 ? { allowed_groups = var.oidc.allowed_groups } : {},
      length(var.oidc.admin_groups) > 0 ? { admin_groups = var.oidc.admin_groups } : {},
    )
  }

  # Profiles (KubeSpawner profile_list).
  profiles = [
    for p in var.profiles : {
      display_name = p.display_name
      slug         = p.slug
      description  = p.description
      default      = p.default
      kubespawner_override = merge(
        p.image == null ? {} : { image = p.image },
        p.cpu == null ? {} : { cpu_guarantee = p.cpu, cpu_limit = p.cpu },
        p.memory == null ? {} : { mem_guarantee = p.memory, mem_limit = p.memory },
        length(p.node_selector) == 0 ? {} : { node_selector = p.node_selector },
        # A GPU profile asks for the GPUs and tolerates the GPU nodes' taint; when some profile
        # has GPUs the others reset the request, so that it never persists across profiles.
        # (`{ for ... if cond }` keeps or drops keys whose values differ in type, which a
        # conditional expression cannot.)
        { for k, v in {
          extra_resource_limits     = { "nvidia.com/gpu" = tostring(p.gpu) }
          extra_resource_guarantees = { "nvidia.com/gpu" = tostring(p.gpu) }
          tolerations               = [{ key = "nvidia.com/gpu", operator = "Exists", effect = "NoSchedule" }]
        } : k => v if p.gpu > 0 },
        p.gpu == 0 && length([for q in var.profiles : q if q.gpu > 0]) > 0 ? { extra_resource_limits = {} } : {},
      )
    }
  ]
  group_profiles = { for p in var.profiles : p.slug => p.allowed_groups if length(p.allowed_groups) > 0 }

  # Volumes of users' servers: shared volumes, /dev/shm, the Onedata mount.
  shared_volumes = [
    for v in var.shared_volumes : merge(
      { name = v.name },
      v.pvc_name != null ? { persistentVolumeClaim = { claimName = v.pvc_name } } : {},
      v.pvc_name == null ? { nfs = { server = v.nfs_server, path = v.nfs_path } } : {},
    )
  ]
  shared_mounts   = [for v in var.shared_volumes : { name = v.name, mountPath = v.mount_path, readOnly = v.read_only }]
  shm_volumes     = var.shm_size == null ? [] : [{ name = "shm", emptyDir = { medium = "Memory", sizeLimit = var.shm_size } }]
  shm_mounts      = var.shm_size == null ? [] : [{ name = "shm", mountPath = "/dev/shm" }]
  onedata_volumes = var.onedata == null ? [] : [{ name = "onedata", emptyDir = {} }]
  onedata_mounts  = var.onedata == null ? [] : [{ name = "onedata", mountPath = var.onedata.mount_path, mountPropagation = "HostToContainer" }]
  onedata_sidecar = var.onedata == null ? [] : [{
    name  = "oneclient"
    image = var.onedata.oneclient_image
    # FUSE needs CAP_SYS_ADMIN and /dev/fuse: the sidecar only, never the notebook container.
    securityContext = { privileged = true, capabilities = { add = ["SYS_ADMIN"] } }
    env = [
      { name = "ONECLIENT_PROVIDER_HOST", value = var.onedata.provider_host },
      { name = "ONECLIENT_ACCESS_TOKEN", valueFrom = { secretKeyRef = { name = local.onedata_secret, key = "token" } } },
    ]
    args         = concat(["-f", "--space", var.onedata.space_name], var.onedata.read_only ? ["-o", "ro"] : [], ["/mnt/onedata"])
    volumeMounts = [{ name = "onedata", mountPath = "/mnt/onedata", mountPropagation = "Bidirectional" }]
  }]

  egress = [
    for e in var.network_policy.extra_egress : merge(
      { to = [{ ipBlock = { cidr = e.cidr } }] },
      e.port == null ? {} : { ports = [{ port = e.port, protocol = e.protocol }] },
    )
  ]

  core_node_selector = var.node_selectors.core
  user_node_selector = var.node_selectors.user

  values = {
    hub = merge(
      {
        config = local.authenticator
        # The client secret comes from the Kubernetes secret, never from these values.
        extraEnv = {
          OAUTH_CLIENT_SECRET = { valueFrom = { secretKeyRef = { name = local.oauth_secret_name, key = "client-secret" } } }
        }
        # A new secret revision rolls the hub pod, which then reads the new secret.
        annotations   = { "crd-cloud.org/oauth-secret-revision" = tostring(var.oidc_client_secret_revision) }
        networkPolicy = { enabled = var.network_policy.enabled }
      },
      length(local.core_node_selector) == 0 ? {} : { nodeSelector = local.core_node_selector },
      length(local.group_profiles) == 0 ? {} : {
        # Profiles limited to groups: keep only those the user may use (KubeSpawner accepts a
        # callable profile_list).
        extraConfig = {
          "10-crd-group-profiles" = <<-PY
            import json
            _crd_profile_groups = json.loads(${jsonencode(jsonencode(local.group_profiles))})
            _crd_static_profiles = c.KubeSpawner.profile_list
            def _crd_profiles_for(spawner):
                groups = {group.name for group in spawner.user.groups}
                return [p for p in _crd_static_profiles
                        if p["slug"] not in _crd_profile_groups or groups.intersection(_crd_profile_groups[p["slug"]])]
            c.KubeSpawner.profile_list = _crd_profiles_for
          PY
        }
      },
    )

    proxy = merge(
      {
        service = { type = local.proxy_service_type }
        chp = merge(
          { networkPolicy = { enabled = var.network_policy.enabled } },
          length(local.core_node_selector) == 0 ? {} : { nodeSelector = local.core_node_selector },
        )
      },
      {
        https = merge(
          { enabled = contains(["letsencrypt", "offload"], var.tls.mode) },
          { for k, v in {
            type        = "letsencrypt"
            hosts       = [var.hostname]
            letsencrypt = { contactEmail = var.tls.letsencrypt_email }
          } : k => v if var.tls.mode == "letsencrypt" },
          { for k, v in { type = "offload", hosts = [var.hostname] } : k => v if var.tls.mode == "offload" },
        )
      },
    )

    ingress = merge({ enabled = local.use_ingress }, { for k, v in {
      ingressClassName = var.ingress_class_name
      hosts            = [var.hostname]
      annotations      = var.tls.mode == "cert-manager" ? { "cert-manager.io/cluster-issuer" = var.tls.cluster_issuer } : {}
      tls              = [{ hosts = [var.hostname], secretName = local.tls_secret_name }]
    } : k => v if local.use_ingress })

    singleuser = merge(
      {
        image        = { name = var.singleuser_image.name, tag = var.singleuser_image.tag }
        defaultUrl   = var.default_url
        startTimeout = var.start_timeout
        cpu = merge(
          var.resources.cpu_guarantee == null ? {} : { guarantee = var.resources.cpu_guarantee },
          var.resources.cpu_limit == null ? {} : { limit = var.resources.cpu_limit },
        )
        memory = merge(
          var.resources.mem_guarantee == null ? {} : { guarantee = var.resources.mem_guarantee },
          var.resources.mem_limit == null ? {} : { limit = var.resources.mem_limit },
        )
        storage = merge(
          { type = var.storage.type, capacity = var.storage.capacity },
          var.storage.storage_class == null ? {} : { dynamic = { storageClass = var.storage.storage_class } },
          {
            extraVolumes      = concat(local.shared_volumes, local.shm_volumes, local.onedata_volumes)
            extraVolumeMounts = concat(local.shared_mounts, local.shm_mounts, local.onedata_mounts)
          },
        )
        networkPolicy = merge(
          { enabled = var.network_policy.enabled },
          length(local.egress) == 0 ? {} : { egress = local.egress },
        )
      },
      length(local.profiles) == 0 ? {} : { profileList = local.profiles },
      length(local.user_node_selector) == 0 ? {} : { nodeSelector = local.user_node_selector },
      length(local.onedata_sidecar) == 0 ? {} : { extraContainers = local.onedata_sidecar },
    )

    scheduling = merge(
      {
        userScheduler   = { enabled = var.scheduling.user_scheduler }
        userPlaceholder = { enabled = var.scheduling.placeholder_replicas > 0, replicas = var.scheduling.placeholder_replicas }
      },
      length(local.core_node_selector) + length(local.user_node_selector) == 0 ? {} : {
        corePods = { nodeAffinity = { matchNodePurpose = "ignore" } }
        userPods = { nodeAffinity = { matchNodePurpose = "ignore" } }
      },
    )

    cull = {
      enabled = var.culling.enabled
      timeout = var.culling.timeout
      every   = var.culling.every
      maxAge  = var.culling.max_age
      users   = var.culling.users
    }

    prePuller = {
      hook       = { enabled = var.prepuller.hook }
      continuous = { enabled = var.prepuller.continuous }
    }

    # The chart's own sample "dummy" authenticator and open debug modes stay off.
    debug = { enabled = false }
  }
}

resource "kubernetes_namespace_v1" "this" {
  count = var.create_namespace ? 1 : 0

  metadata {
    name = var.namespace
    labels = {
      "app.kubernetes.io/managed-by" = "terraform"
      "app.kubernetes.io/part-of"    = "jupyterhub"
    }
  }
}

resource "kubernetes_secret_v1" "oauth" {
  metadata {
    name      = local.oauth_secret_name
    namespace = var.create_namespace ? kubernetes_namespace_v1.this[0].metadata[0].name : var.namespace
    labels    = { "app.kubernetes.io/managed-by" = "terraform" }
  }
  type = "Opaque"

  # Write-only: the secret reaches Kubernetes and never the state.
  data_wo          = { "client-secret" = var.oidc_client_secret }
  data_wo_revision = var.oidc_client_secret_revision
}

resource "kubernetes_secret_v1" "onedata" {
  count = var.onedata == null ? 0 : 1

  metadata {
    name      = local.onedata_secret
    namespace = var.create_namespace ? kubernetes_namespace_v1.this[0].metadata[0].name : var.namespace
    labels    = { "app.kubernetes.io/managed-by" = "terraform" }
  }
  type = "Opaque"

  data_wo          = { token = var.onedata_token }
  data_wo_revision = var.onedata_token_revision
}

resource "helm_release" "hub" {
  name       = var.release_name
  namespace  = kubernetes_secret_v1.oauth.metadata[0].namespace
  repository = var.chart_repository
  chart      = "jupyterhub"
  version    = var.chart_version

  values = concat([yamlencode(local.values)], var.extra_values)

  timeout         = var.helm_timeout
  wait            = true
  cleanup_on_fail = true

  depends_on = [kubernetes_secret_v1.onedata]
}
