# A project of the lab with a tenant on two sites; the VMs below live in those tenants.
resource "crd_project" "course" {
  name        = "m2-cloud-2026"
  description = "Cloud computing course, spring 2026"
  customer    = "demo-lab"
  sites       = ["toulouse", "montpellier"]
  end_date    = "2026-07-31"
}

resource "crd_vm" "jupyter" {
  project = crd_project.course.id
  site    = "toulouse"
  name    = "jupyter"
  flavor  = "m1.medium"
  image   = "ubuntu-24.04"
}

output "toulouse_project_id" {
  value = crd_project.course.tenants["toulouse"].project_id
}
