# A 50 GB data volume on the default site, attached to a VM.
resource "crd_volume" "data" {
  name        = "data"
  description = "Experiment results"
  size_gb     = 50
  attach_to   = crd_vm.web.id
}

# A fast volume on another site, created from an image and left detached.
resource "crd_volume" "scratch" {
  site        = "montpellier"
  name        = "scratch"
  size_gb     = 20
  volume_type = "nvme"
  image       = "ubuntu-24.04"

  timeouts {
    create = "20m"
    delete = "10m"
  }
}
