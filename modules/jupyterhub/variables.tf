variable "hostname" {
  description = "Public DNS name of the hub (the ingress host and the TLS certificate's name). The hub is served at https://<hostname>/ and the identity provider must accept https://<hostname>/hub/oauth_callback as a redirect URI."
  type        = string

  validation {
    condition     = can(regex("^([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$", var.hostname))
    error_message = "The hostname must be a fully qualified DNS name in lower case, such as \"hub.example.org\" (no scheme, no port, no path)."
  }
}

variable "namespace" {
  description = "Kubernetes namespace of the release."
  type        = string
  default     = "jupyterhub"

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", var.namespace))
    error_message = "The namespace must be a DNS-1123 label: lower-case letters, digits and '-', 63 characters at most."
  }
}

variable "create_namespace" {
  description = "Create the namespace (kubernetes_namespace_v1) in this module. Set false to deploy into an existing one."
  type        = bool
  default     = true
}

variable "release_name" {
  description = "Helm release name."
  type        = string
  default     = "jupyterhub"

  validation {
    condition     = can(regex("^[a-z0-9]([-a-z0-9]{0,51}[a-z0-9])?$", var.release_name))
    error_message = "The release name must be lower-case letters, digits and '-', 53 characters at most (Helm's limit)."
  }
}

variable "chart_version" {
  description = "Version of the zero-to-jupyterhub chart (pinned: a new version is a deliberate upgrade)."
  type        = string
  default     = "4.4.0"

  validation {
    condition     = can(regex("^[0-9]+\\.[0-9]+\\.[0-9]+(-[0-9A-Za-z.-]+)?$", var.chart_version))
    error_message = "The chart version must be an exact version such as \"4.4.0\", not a range."
  }
}

variable "chart_repository" {
  description = "Helm repository of the chart (a mirror can be given)."
  type        = string
  default     = "https://hub.jupyter.org/helm-chart/"
}

variable "tls" {
  description = <<-EOT
    How HTTPS is served:
    - "cert-manager" (default): an Ingress of `ingress_class_name` with a certificate from cert-manager's `cluster_issuer`;
    - "letsencrypt": the chart's own autohttps pod asks Let's Encrypt (`letsencrypt_email` required; the proxy service must be reachable on port 80 and 443);
    - "secret": an Ingress with the existing TLS secret `secret_name` (in the namespace);
    - "offload": TLS is terminated before the hub (a load balancer), which sees plain HTTP.
  EOT
  type = object({
    mode              = optional(string, "cert-manager")
    cluster_issuer    = optional(string, "letsencrypt")
    letsencrypt_email = optional(string)
    secret_name       = optional(string)
  })
  default = {}

  validation {
    condition     = contains(["cert-manager", "letsencrypt", "secret", "offload"], var.tls.mode)
    error_message = "tls.mode must be one of \"cert-manager\", \"letsencrypt\", \"secret\", \"offload\"."
  }
  validation {
    condition     = var.tls.mode != "letsencrypt" || try(length(var.tls.letsencrypt_email) > 3, false)
    error_message = "tls.mode = \"letsencrypt\" needs tls.letsencrypt_email (Let's Encrypt's contact address)."
  }
  validation {
    condition     = var.tls.mode != "secret" || try(length(var.tls.secret_name) > 0, false)
    error_message = "tls.mode = \"secret\" needs tls.secret_name, the name of an existing kubernetes.io/tls secret in the namespace."
  }
}

variable "ingress_class_name" {
  description = "Ingress class for the \"cert-manager\" and \"secret\" TLS modes."
  type        = string
  default     = "nginx"
}

variable "proxy_service_type" {
  description = "Service type of the proxy: ClusterIP behind an ingress (default), LoadBalancer for tls.mode = \"letsencrypt\" or \"offload\" (on OpenStack it takes a floating IP)."
  type        = string
  default     = null

  validation {
    condition     = var.proxy_service_type == null || contains(["ClusterIP", "NodePort", "LoadBalancer"], coalesce(var.proxy_service_type, "ClusterIP"))
    error_message = "proxy_service_type must be ClusterIP, NodePort or LoadBalancer."
  }
}

variable "oidc" {
  description = <<-EOT
    The OpenID Connect identity provider (JupyterHub's GenericOAuthenticator; the chart cannot use
    OIDC discovery, so every endpoint is given). The client secret is not here: see
    `oidc_client_secret`. Who may log in: `allowed_groups` (from the `groups_claim` of the userinfo)
    and `allowed_users`; `admin_groups` are also admins.
  EOT
  type = object({
    client_id      = string
    authorize_url  = string
    token_url      = string
    userdata_url   = string
    scopes         = optional(list(string), ["openid", "profile", "email"])
    username_claim = optional(string, "preferred_username")
    groups_claim   = optional(string, "groups")
    allowed_groups = optional(list(string), [])
    allowed_users  = optional(list(string), [])
    admin_groups   = optional(list(string), [])
    manage_groups  = optional(bool, true)
  })

  validation {
    condition = alltrue([
      for url in [var.oidc.authorize_url, var.oidc.token_url, var.oidc.userdata_url] : startswith(url, "https://")
    ])
    error_message = "oidc.authorize_url, oidc.token_url and oidc.userdata_url must be https:// URLs."
  }
  validation {
    condition     = length(var.oidc.client_id) > 0
    error_message = "oidc.client_id must not be empty."
  }
  validation {
    # Since JupyterHub 5 nobody can log in without an allow rule: say so at plan time.
    condition     = var.allow_all || length(var.oidc.allowed_groups) + length(var.oidc.allowed_users) + length(var.oidc.admin_groups) + length(var.admin_users) > 0
    error_message = "Nobody could log in: set oidc.allowed_groups or oidc.allowed_users (or admin_users / oidc.admin_groups), or allow_all = true to let every account of the identity provider in."
  }
}

variable "oidc_client_secret" {
  description = "The OIDC client secret. Sensitive and ephemeral: it only reaches a Kubernetes secret through a write-only argument (never the state, the plan or the chart values); the hub reads it from the OAUTH_CLIENT_SECRET environment variable."
  type        = string
  sensitive   = true
  ephemeral   = true

  validation {
    condition     = length(var.oidc_client_secret) > 0
    error_message = "oidc_client_secret must not be empty."
  }
}

variable "oidc_client_secret_revision" {
  description = "Bump this number to push a new oidc_client_secret (write-only values are not compared between runs); the hub pod restarts with it."
  type        = number
  default     = 1

  validation {
    condition     = var.oidc_client_secret_revision >= 1 && floor(var.oidc_client_secret_revision) == var.oidc_client_secret_revision
    error_message = "oidc_client_secret_revision must be a whole number >= 1."
  }
}

variable "allow_all" {
  description = "Let every account the identity provider authenticates log in. Off by default: only allowed groups and users."
  type        = bool
  default     = false
}

variable "admin_users" {
  description = "Usernames (the username_claim) that are JupyterHub admins."
  type        = list(string)
  default     = []
}

variable "singleuser_image" {
  description = "Default image of the users' servers (pinned tag)."
  type = object({
    name = optional(string, "quay.io/jupyter/scipy-notebook")
    tag  = optional(string, "2025-11-10")
  })
  default = {}

  validation {
    condition     = var.singleuser_image.tag != "latest" && length(var.singleuser_image.tag) > 0
    error_message = "singleuser_image.tag must be a pinned tag, not \"latest\"."
  }
}

variable "default_url" {
  description = "Page a user's server opens on."
  type        = string
  default     = "/lab"
}

variable "resources" {
  description = "CPU and memory of a user's server (Kubernetes quantities: cpu in cores, memory such as \"2G\"). Null: the chart's default (1G guaranteed, no limit)."
  type = object({
    cpu_guarantee = optional(number)
    cpu_limit     = optional(number)
    mem_guarantee = optional(string, "1G")
    mem_limit     = optional(string)
  })
  default = {}

  validation {
    condition     = var.resources.cpu_guarantee == null || var.resources.cpu_limit == null || try(var.resources.cpu_guarantee <= var.resources.cpu_limit, true)
    error_message = "resources.cpu_guarantee must not exceed resources.cpu_limit."
  }
}

variable "storage" {
  description = "Users' home volumes: type \"dynamic\" (one PVC per user from storage_class, the cluster's default when null), or \"none\" (ephemeral homes). A change applies to new users only."
  type = object({
    type          = optional(string, "dynamic")
    capacity      = optional(string, "10Gi")
    storage_class = optional(string)
  })
  default = {}

  validation {
    condition     = contains(["dynamic", "none"], var.storage.type)
    error_message = "storage.type must be \"dynamic\" or \"none\"."
  }
  validation {
    condition     = can(regex("^[0-9]+(Mi|Gi|Ti)$", var.storage.capacity))
    error_message = "storage.capacity must be a quantity such as \"10Gi\"."
  }
}

variable "shared_volumes" {
  description = "Volumes mounted in every user's server: an existing PVC (`pvc_name`) or an NFS export (`nfs_server` + `nfs_path`)."
  type = list(object({
    name       = string
    mount_path = string
    pvc_name   = optional(string)
    nfs_server = optional(string)
    nfs_path   = optional(string)
    read_only  = optional(bool, false)
  }))
  default = []

  validation {
    condition     = alltrue([for v in var.shared_volumes : (v.pvc_name != null) != (v.nfs_server != null && v.nfs_path != null)])
    error_message = "Each shared volume needs exactly one source: pvc_name, or nfs_server and nfs_path."
  }
  validation {
    condition     = alltrue([for v in var.shared_volumes : startswith(v.mount_path, "/")])
    error_message = "shared_volumes[*].mount_path must be an absolute path."
  }
}

variable "profiles" {
  description = "Server options offered at spawn time (KubeSpawner profile_list). `gpu` > 0 requests that many nvidia.com/gpu (and tolerates the GPU taint); `node_selector` pins a node group; `allowed_groups` limits a profile to members of those groups (needs oidc.manage_groups)."
  type = list(object({
    display_name   = string
    slug           = string
    description    = optional(string, "")
    default        = optional(bool, false)
    image          = optional(string)
    cpu            = optional(number)
    memory         = optional(string)
    gpu            = optional(number, 0)
    node_selector  = optional(map(string), {})
    allowed_groups = optional(list(string), [])
  }))
  default = []

  validation {
    condition     = length(var.profiles) == length(distinct([for p in var.profiles : p.slug]))
    error_message = "profiles[*].slug must be unique."
  }
  validation {
    condition     = length([for p in var.profiles : p if p.default]) <= 1
    error_message = "At most one profile can be the default."
  }
  validation {
    condition     = alltrue([for p in var.profiles : p.gpu >= 0 && floor(p.gpu) == p.gpu])
    error_message = "profiles[*].gpu must be a whole number of GPUs."
  }
}

variable "shm_size" {
  description = "Size of /dev/shm in users' servers (e.g. \"1Gi\" for PyTorch DataLoader workers); counted in the memory limit. Null: the container runtime's 64M."
  type        = string
  default     = null
}

variable "node_selectors" {
  description = "Node labels for the hub and proxy (`core`) and for users' servers (`user`). Magnum Cluster API node groups are selected with `capi.stackhpc.com/node-group = <group>`."
  type = object({
    core = optional(map(string), {})
    user = optional(map(string), {})
  })
  default = {}
}

variable "culling" {
  description = "Stop idle servers: after `timeout` seconds without activity, checked every `every` seconds; `max_age` > 0 also stops servers older than that; `users` also deletes idle users."
  type = object({
    enabled = optional(bool, true)
    timeout = optional(number, 3600)
    every   = optional(number, 600)
    max_age = optional(number, 0)
    users   = optional(bool, false)
  })
  default = {}
}

variable "prepuller" {
  description = "Image pre-pullers. Off by default: the hook pre-puller makes `helm upgrade` wait for every node and time out (z2jh#1763)."
  type = object({
    hook       = optional(bool, false)
    continuous = optional(bool, false)
  })
  default = {}
}

variable "scheduling" {
  description = "The user scheduler packs servers on few nodes (so that the cluster autoscaler can remove empty ones); placeholder pods keep room for that many servers."
  type = object({
    user_scheduler       = optional(bool, true)
    placeholder_replicas = optional(number, 0)
  })
  default = {}
}

variable "start_timeout" {
  description = "Seconds a server may take to start (volumes attach slowly on OpenStack)."
  type        = number
  default     = 600
}

variable "network_policy" {
  description = "NetworkPolicies of the hub, proxy and users' servers (on: users' servers cannot reach private ranges or the cloud metadata service). `extra_egress` opens more destinations for users' servers."
  type = object({
    enabled = optional(bool, true)
    extra_egress = optional(list(object({
      cidr     = string
      port     = optional(number)
      protocol = optional(string, "TCP")
    })), [])
  })
  default = {}
}

variable "onedata" {
  description = "Mount a Onedata space in every user's server through a oneclient sidecar (privileged, CAP_SYS_ADMIN for FUSE). The token is `onedata_token`."
  type = object({
    space_name      = string
    provider_host   = string
    mount_path      = optional(string, "/home/jovyan/onedata")
    read_only       = optional(bool, true)
    oneclient_image = optional(string, "onedata/oneclient:21.02.5")
  })
  default = null
}

variable "onedata_token" {
  description = "Onedata access token for the space (e.g. ephemeral.crd_onedata_access_token.x.token with interface = \"oneclient\"). Sensitive and ephemeral: it reaches a Kubernetes secret through a write-only argument only."
  type        = string
  default     = null
  sensitive   = true
  ephemeral   = true

  validation {
    condition     = var.onedata == null || var.onedata_token != null
    error_message = "onedata is set: onedata_token is needed to mount the space."
  }
}

variable "onedata_token_revision" {
  description = "Bump this number to push a new onedata_token (temporary tokens expire: at most 14 days)."
  type        = number
  default     = 1
}

variable "extra_values" {
  description = "More chart values (YAML documents), merged after the module's: the escape hatch for everything else the chart offers."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for v in var.extra_values : can(yamldecode(v))])
    error_message = "extra_values must be valid YAML documents."
  }
}

variable "helm_timeout" {
  description = "Seconds Helm waits for the release to be ready."
  type        = number
  default     = 600
}
