variable "name_prefix" {
  description = "Prefix of every name the module creates (VMs, security groups, key pairs, volumes): `<prefix>-bastion-<site>`, `<prefix>-<group>-<n>`. Changing it recreates everything."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,30}[a-z0-9]$", var.name_prefix))
    error_message = "name_prefix must be 2 to 32 lower-case letters, digits or hyphens, starting with a letter and not ending with a hyphen (it becomes part of host names)."
  }
}

variable "worker_groups" {
  description = <<-EOT
    Worker groups by name. Each group lives on one `site` (a site name of the provider block) and has `count` identical VMs of `flavor`.
    `image` defaults to `var.image`; `boot_volume_size_gb` boots from a volume of that size instead of the flavor's disk;
    `data_volumes` adds volumes to every worker of the group (`size_gb`, optional `volume_type`, and `keep_on_destroy`, which protects the volume with `prevent_destroy`);
    `metadata` is set on each VM. Every site that has workers gets its own bastion.
  EOT
  type = map(object({
    site                = string
    count               = number
    flavor              = string
    image               = optional(string)
    boot_volume_size_gb = optional(number)
    metadata            = optional(map(string), {})
    data_volumes = optional(map(object({
      size_gb         = number
      volume_type     = optional(string)
      keep_on_destroy = optional(bool, false)
    })), {})
  }))

  validation {
    condition     = length(var.worker_groups) > 0
    error_message = "worker_groups must define at least one group: the module builds bastions only for sites that have workers."
  }

  validation {
    condition     = alltrue([for name, g in var.worker_groups : can(regex("^[a-z][a-z0-9-]{0,20}$", name)) && name != "bastion" && name != "bastions" && !startswith(name, "site")])
    error_message = "Worker group names must be 1 to 21 lower-case letters, digits or hyphens, starting with a letter (they become part of host names), and not \"bastion\", \"bastions\" or \"site...\" (names the module uses itself)."
  }

  validation {
    condition     = alltrue([for g in var.worker_groups : g.count >= 0 && g.count <= 50 && floor(g.count) == g.count])
    error_message = "Each worker group's count must be a whole number from 0 to 50."
  }

  validation {
    condition     = alltrue([for g in var.worker_groups : g.site != "" && g.flavor != ""])
    error_message = "Each worker group needs a site and a flavor."
  }

  validation {
    condition     = alltrue(flatten([for g in var.worker_groups : [for v in values(g.data_volumes) : v.size_gb >= 1 && floor(v.size_gb) == v.size_gb]]))
    error_message = "Data volume sizes are whole numbers of GB, at least 1."
  }

  validation {
    condition     = alltrue(flatten([for g in var.worker_groups : [for n in keys(g.data_volumes) : can(regex("^[a-z][a-z0-9-]{0,20}$", n))]]))
    error_message = "Data volume names must be 1 to 21 lower-case letters, digits or hyphens, starting with a letter."
  }
}

variable "allowed_ssh_cidrs" {
  description = "CIDRs allowed to reach the bastions on port 22, e.g. your campus network. Required: there is deliberately no default such as 0.0.0.0/0. Workers are never reachable from outside, only from their site's bastion."
  type        = list(string)

  validation {
    condition     = length(var.allowed_ssh_cidrs) > 0
    error_message = "allowed_ssh_cidrs must list at least one CIDR (e.g. [\"192.0.2.0/24\"]); the module never opens SSH to everyone by default."
  }

  validation {
    condition     = alltrue([for c in var.allowed_ssh_cidrs : can(cidrhost(c, 0)) && try(cidrsubnet(c, 0, 0) == c, false)])
    error_message = "Each entry of allowed_ssh_cidrs must be a CIDR written with its network address, e.g. \"192.0.2.0/24\" or \"198.51.100.7/32\"."
  }
}

variable "bastion" {
  description = "Bastion VMs (one per site with workers): `flavor` (default `m1.small`), `image` (defaults to `var.image`), and `extra_ingress`: more rules on the bastions only (`protocol`, `port_min`, `port_max`, `cidr`), e.g. a VPN port."
  type = object({
    flavor = optional(string, "m1.small")
    image  = optional(string)
    extra_ingress = optional(list(object({
      protocol = string
      port_min = number
      port_max = number
      cidr     = string
    })), [])
  })
  default = {}

  validation {
    condition     = alltrue([for r in var.bastion.extra_ingress : contains(["tcp", "udp"], r.protocol) && r.port_min >= 1 && r.port_min <= r.port_max && r.port_max <= 65535])
    error_message = "bastion.extra_ingress rules need protocol \"tcp\" or \"udp\" and a port range within 1-65535 with port_min <= port_max."
  }

  validation {
    condition     = alltrue([for r in var.bastion.extra_ingress : can(cidrhost(r.cidr, 0)) && try(cidrsubnet(r.cidr, 0, 0) == r.cidr, false)])
    error_message = "bastion.extra_ingress cidr values must be CIDRs written with their network address, e.g. \"192.0.2.0/24\"."
  }
}

variable "image" {
  description = "Default image name or id for bastions and workers (a name means the newest active image of that name on each site)."
  type        = string
  default     = "ubuntu-24.04"
}

variable "admin_user" {
  description = "The image's default login user; it receives `ssh_public_keys` and is used in `ssh_config` and the Ansible inventory."
  type        = string
  default     = "ubuntu"

  validation {
    condition     = can(regex("^[a-z_][a-z0-9_-]{0,31}$", var.admin_user))
    error_message = "admin_user must be a valid Linux user name (lower-case letters, digits, _ and -, at most 32 characters)."
  }
}

variable "ssh_public_keys" {
  description = "OpenSSH public keys of the admin user on every VM. The first one is also registered as a Nova key pair on each site. Public keys only: the module never generates or stores a private key."
  type        = list(string)
  default     = []

  validation {
    condition     = alltrue([for k in var.ssh_public_keys : can(regex("^(ssh-(rsa|ed25519|dss)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\\.com) [A-Za-z0-9+/=]+( .*)?$", trimspace(k)))])
    error_message = "ssh_public_keys entries must be OpenSSH public keys (\"ssh-ed25519 AAAA... comment\"), e.g. the content of ~/.ssh/id_ed25519.pub, never a private key."
  }
}

variable "users" {
  description = "Extra login accounts on every VM: user name => their OpenSSH public keys. Removing a user from this map rebuilds the VMs without the account."
  type        = map(list(string))
  default     = {}

  validation {
    condition     = alltrue([for u in keys(var.users) : can(regex("^[a-z_][a-z0-9_-]{0,31}$", u))])
    error_message = "users keys must be valid Linux user names (lower-case letters, digits, _ and -, at most 32 characters)."
  }
}

variable "sudoers" {
  description = "Names (from `users`) that get passwordless sudo. The admin user always has it (cloud-init's default)."
  type        = list(string)
  default     = []
}

variable "fail2ban" {
  description = "Install fail2ban on the bastions to slow down SSH password guessing."
  type        = bool
  default     = true
}

variable "unattended_upgrades" {
  description = "Upgrade packages at first boot and keep applying security updates (unattended-upgrades) on every VM."
  type        = bool
  default     = true
}

variable "cloud_config_extra" {
  description = "Extra cloud-config keys merged on top of the module's own (top-level keys replace the module's, e.g. `packages`), for every VM. Secrets do not belong here: cloud-init data is readable from inside the VM and stored in state."
  type        = any
  default     = {}
}

variable "project" {
  description = "A crd_project id (`crd_project.x.id`): every VM, volume, security group and key pair is created in that portal project's tenant on its site (each site used must be one of the project's `sites`). Null: the project of each site's credentials."
  type        = string
  default     = null
}
