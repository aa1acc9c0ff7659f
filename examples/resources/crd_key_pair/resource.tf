# Register your public key on every site you use (key pairs are per site and per user).
resource "crd_key_pair" "alice" {
  for_each = toset(["toulouse", "montpellier"])

  site       = each.key
  name       = "alice"
  public_key = file("~/.ssh/id_ed25519.pub")
}

resource "crd_vm" "web" {
  site     = "toulouse"
  name     = "web"
  flavor   = "m1.small"
  image    = "ubuntu-24.04"
  key_pair = crd_key_pair.alice["toulouse"].name
}

output "fingerprint" {
  value = crd_key_pair.alice["toulouse"].fingerprint
}
