# SSH from one network to a bastion, and workers that accept SSH only from the bastion.
resource "crd_security_group" "bastion" {
  site        = "toulouse"
  name        = "bastion"
  description = "SSH from the lab network"

  rule {
    direction        = "ingress"
    protocol         = "tcp"
    port_range_min   = 22
    port_range_max   = 22
    remote_ip_prefix = "192.0.2.0/24"
  }
}

resource "crd_security_group" "workers" {
  site = "toulouse"
  name = "workers"

  rule {
    direction       = "ingress"
    protocol        = "tcp"
    port_range_min  = 22
    port_range_max  = 22
    remote_group_id = crd_security_group.bastion.id
  }

  # Anything between the workers themselves.
  rule {
    direction       = "ingress"
    remote_group_id = "self"
  }
}

# Egress restricted to HTTPS and DNS: the default allow-all egress rules are removed.
resource "crd_security_group" "locked" {
  site                 = "toulouse"
  name                 = "locked"
  delete_default_rules = true

  rule {
    direction        = "egress"
    protocol         = "tcp"
    port_range_min   = 443
    port_range_max   = 443
    remote_ip_prefix = "0.0.0.0/0"
  }

  rule {
    direction        = "egress"
    protocol         = "udp"
    port_range_min   = 53
    port_range_max   = 53
    remote_ip_prefix = "0.0.0.0/0"
  }
}

resource "crd_vm" "bastion" {
  site            = "toulouse"
  name            = "bastion"
  flavor          = "m1.small"
  image           = "ubuntu-24.04"
  security_groups = [crd_security_group.bastion.id] # an id or a name; both are the same group
  floating_ip     = true
}
