# A web server on the default site, reachable from outside.
resource "crd_vm" "web" {
  name            = "web-1"
  flavor          = "m1.small"     # a change resizes in place
  image           = "ubuntu-24.04" # newest active image of that name; a change replaces the VM
  key_pair        = "alice"
  security_groups = ["default"]    # names or ids
  floating_ip     = true

  user_data = <<-EOT
    #cloud-config
    packages: [nginx]
  EOT

  metadata = {
    role = "web"
  }
  tags = ["frontend"]

  timeouts {
    create = "20m"
  }
}

# A stopped worker on another site, booting from a 40 GB volume.
resource "crd_vm" "worker" {
  site                = "montpellier"
  name                = "worker-1"
  flavor              = "m1.large"
  image               = "debian-12"
  boot_volume_size_gb = 40
  power_state         = "shutoff"
}

output "web_address" {
  value = crd_vm.web.public_ip
}
