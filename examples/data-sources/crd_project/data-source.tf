# A project created in the portal by someone else, by name.
data "crd_project" "shared" {
  name = "genomics-platform"
}

output "genomics_sites" {
  value = data.crd_project.shared.sites
}

output "toulouse_cores" {
  value = "${data.crd_project.shared.tenants["toulouse"].usage.vcpu} of ${data.crd_project.shared.tenants["toulouse"].limits.vcpu} cores in use"
}
