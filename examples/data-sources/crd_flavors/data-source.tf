# The smallest flavor of the default site with at least 2 vCPUs and 4 GB of RAM.
data "crd_flavors" "worker" {
  min_vcpus  = 2
  min_ram_gb = 4
}

# Every "large" flavor of Toulouse, smallest first.
data "crd_flavors" "large" {
  site       = "toulouse"
  name_regex = "large$"
}

output "worker_flavor" {
  value = data.crd_flavors.worker.name # m1.medium on the default federation
}

output "large_flavors" {
  value = [for f in data.crd_flavors.large.flavors : "${f.name}: ${f.vcpus} vCPU, ${f.ram_gb} GB"]
}
