# Quickstart: the crd provider against crd-sim, the local federation simulator.
# scripts/quickstart starts crd-sim, installs the provider and adds provider.tf (the provider
# block crd-sim prints, with working credentials for every site; default site toulouse) next
# to this file.
#
# What it builds, on two sites of the federation:
#   toulouse     a web VM with a floating IP and a data volume, a worker VM with a volume
#   montpellier  a replica VM with a volume
# The plan checks every site's quota before anything is created (try count = 20 on workers).

terraform {
  required_version = ">= 1.5"
  required_providers {
    crd = {
      source  = "crd-cloud/crd"
      version = ">= 0.1.0"
    }
  }
}

variable "workers" {
  description = "Worker VMs in Toulouse."
  type        = number
  default     = 1
}

# What the federation offers, read at plan time.
data "crd_sites" "all" {}

data "crd_images" "debian" {
  name        = "debian-12"
  most_recent = true
}

data "crd_flavors" "small" {
  min_vcpus  = 1
  min_ram_gb = 2
}

resource "crd_vm" "web" {
  name            = "web"
  flavor          = data.crd_flavors.small.name
  image           = data.crd_images.debian.id
  security_groups = ["default"]
  floating_ip     = true
  metadata = {
    role = "web"
  }
  tags = ["quickstart"]
}

resource "crd_vm" "worker" {
  count  = var.workers
  name   = "worker-${count.index}"
  flavor = "m1.medium"
  image  = "debian-12"
  tags   = ["quickstart"]
}

resource "crd_vm" "replica" {
  site   = "montpellier"
  name   = "replica"
  flavor = "m1.small"
  image  = "rocky-9"
  tags   = ["quickstart"]
}

resource "crd_volume" "web_data" {
  name      = "web-data"
  size_gb   = 20
  attach_to = crd_vm.web.id
}

resource "crd_volume" "worker_scratch" {
  count       = var.workers
  name        = "worker-${count.index}-scratch"
  size_gb     = 50
  volume_type = "hdd"
  attach_to   = crd_vm.worker[count.index].id
}

resource "crd_volume" "replica_data" {
  site      = "montpellier"
  name      = "replica-data"
  size_gb   = 20
  attach_to = crd_vm.replica.id
}

output "web_public_ip" {
  value = crd_vm.web.public_ip
}

output "private_ips" {
  value = {
    web     = crd_vm.web.private_ip
    workers = crd_vm.worker[*].private_ip
    replica = crd_vm.replica.private_ip
  }
}

output "compute_sites" {
  description = "Sites of the federation that run VMs."
  value       = [for s in data.crd_sites.all.sites : s.name if contains(s.services, "compute")]
}
