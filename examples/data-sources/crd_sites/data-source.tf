# Every site of the provider block: services, and quota headroom of the credentials' project.
data "crd_sites" "all" {}

output "reachable_sites" {
  value = [for s in data.crd_sites.all.sites : s.name if s.reachable]
}

# Sites with Kubernetes (Magnum) and at least 8 free cores.
output "k8s_sites_with_room" {
  value = [
    for s in data.crd_sites.all.sites : s.name
    if s.reachable && contains(s.services, "k8s") && (s.quota.cores.available >= 8 || s.quota.cores.limit == -1)
  ]
}

# Only some sites: naming a site makes an unreachable one an error instead of a report.
data "crd_sites" "south" {
  names = ["toulouse", "montpellier"]
}

output "toulouse_free_ram_gb" {
  value = one([for s in data.crd_sites.south.sites : s.quota.ram_gb.available if s.name == "toulouse"])
}
