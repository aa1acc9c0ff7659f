variable "name" {
  description = "Project name in the portal (also the default name of the Onedata space and the prefix of the workers' names)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,30}[a-z0-9]$", var.name))
    error_message = "name must be 3 to 32 lower-case letters, digits or hyphens, starting with a letter (it becomes part of host names)."
  }
}

variable "description" {
  description = "Free text shown in the portal."
  type        = string
  default     = ""
}

variable "customer" {
  description = "The customer (organisation) that owns the project in the portal: its name or uuid."
  type        = string
}

variable "end_date" {
  description = "Last day of the project (YYYY-MM-DD); the portal ends its resources after it. Null: open-ended."
  type        = string
  default     = null

  validation {
    condition     = var.end_date == null || can(regex("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", var.end_date))
    error_message = "end_date must be a date such as \"2027-06-30\"."
  }
}

variable "deletion_protection" {
  description = "Protect the project and its Onedata space from `terraform destroy` (set false and apply before destroying)."
  type        = bool
  default     = true
}

variable "sites" {
  description = <<-EOT
    Sites where the project gets a tenant, with the tenant's quota (set at least one limit per site;
    RAM and storage in GB) and, optionally, `onedata_gb`: the storage that site's Oneprovider gives the
    project's Onedata space.
  EOT
  type = map(object({
    cores        = optional(number)
    ram_gb       = optional(number)
    storage_gb   = optional(number)
    instances    = optional(number)
    volumes      = optional(number)
    floating_ips = optional(number)
    onedata_gb   = optional(number)
  }))

  validation {
    condition     = length(var.sites) > 0
    error_message = "sites must name at least one site."
  }
  validation {
    condition = alltrue([
      for s in values(var.sites) : anytrue([for v in [s.cores, s.ram_gb, s.storage_gb, s.instances, s.volumes, s.floating_ips] : v != null])
    ])
    error_message = "Every site needs at least one quota limit (cores, ram_gb, storage_gb, instances, volumes or floating_ips)."
  }
  validation {
    condition = alltrue(flatten([
      for s in values(var.sites) : [for v in [s.cores, s.ram_gb, s.storage_gb, s.instances, s.volumes, s.floating_ips, s.onedata_gb] : v == null || try(v >= 0 && floor(v) == v, false)]
    ]))
    error_message = "Quota limits and onedata_gb must be whole numbers >= 0."
  }
}

variable "onedata_space" {
  description = "Create a Onedata space for the project's data, supported by every site that has `onedata_gb`. Null: no space. `name` defaults to the project name."
  type = object({
    name = optional(string)
  })
  default = null

  validation {
    condition     = var.onedata_space == null || length([for s in values(var.sites) : s if s.onedata_gb != null]) > 0
    error_message = "onedata_space is set but no site has onedata_gb: give at least one site some Onedata storage."
  }
}

variable "workers" {
  description = <<-EOT
    Optional bastion + workers inside the project's tenants (the bastion-workers module): worker
    `groups` by name, each on one of `sites`; one bastion per site with workers, reachable over SSH
    from `allowed_ssh_cidrs` only. Null: no VMs.
  EOT
  type = object({
    allowed_ssh_cidrs = list(string)
    groups = map(object({
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
    image           = optional(string, "ubuntu-24.04")
    bastion_flavor  = optional(string, "m1.small")
    admin_user      = optional(string, "ubuntu")
    ssh_public_keys = optional(list(string), [])
    users           = optional(map(list(string)), {})
    sudoers         = optional(list(string), [])
  })
  default = null

  validation {
    condition     = var.workers == null || alltrue([for g in values(try(var.workers.groups, {})) : contains(keys(var.sites), g.site)])
    error_message = "Every worker group's site must be one of the project's sites."
  }
}
