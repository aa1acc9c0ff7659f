# More cores and RAM for a portal project's tenant on toulouse (through the portal).
resource "crd_quota" "course_toulouse" {
  project = crd_project.course.id
  site    = "toulouse"
  cores   = 32
  ram_gb  = 128
}

# The quotas of the credentials' own project on montpellier: needs the site's admin
# credential (`admin_cloud` or `admin_application_credential_*` in its site block).
resource "crd_quota" "own_montpellier" {
  site         = "montpellier"
  instances    = 20
  volumes      = 20
  floating_ips = 8
}
