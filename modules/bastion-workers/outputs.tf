output "bastion_ips" {
  description = "Public (floating) IP of each site's bastion, by site."
  value       = { for site, vm in crd_vm.bastion : site => vm.public_ip }
}

output "bastions" {
  description = "Each site's bastion: name, id, public and private IP, by site."
  value = { for site, vm in crd_vm.bastion : site => {
    name       = vm.name
    id         = vm.id
    public_ip  = vm.public_ip
    private_ip = vm.private_ip
  } }
}

output "workers" {
  description = "Every worker by name: site, group, private IP and VM id."
  value = { for name, vm in crd_vm.worker : name => {
    site       = vm.site
    group      = local.workers[name].group
    private_ip = vm.private_ip
    id         = vm.id
  } }
}

output "security_group_ids" {
  description = "Ids of the bastion and worker security groups, by site (to add rules or attach other VMs)."
  value = { for site in local.sites : site => {
    bastion = crd_security_group.bastion[site].id
    workers = crd_security_group.workers[site].id
  } }
}

output "ssh_config" {
  description = "OpenSSH client configuration: one Host per bastion, one per worker reached through its site's bastion with ProxyJump. Host keys are checked as usual (HostKeyAlias keeps workers with the same private IP on different sites apart)."
  value = join("\n", concat(
    [for site, vm in crd_vm.bastion : <<-EOT
      Host ${vm.name}
        HostName ${vm.public_ip}
        User ${var.admin_user}
        HostKeyAlias ${vm.name}
      EOT
    ],
    [for name, vm in crd_vm.worker : <<-EOT
      Host ${name}
        HostName ${vm.private_ip}
        User ${var.admin_user}
        HostKeyAlias ${name}
        ProxyJump ${local.bastion_name[vm.site]}
      EOT
    ],
  ))
}

output "ansible_inventory" {
  description = "Ansible inventory (YAML): group `bastions`, one group per worker group and one per site (`site_<site>`); workers are reached through their bastion (ProxyJump)."
  value = yamlencode({
    all = {
      vars = { ansible_user = var.admin_user }
      children = merge(
        {
          bastions = { hosts = { for site, vm in crd_vm.bastion : vm.name => { ansible_host = vm.public_ip, crd_site = site } } }
        },
        {
          for group in distinct([for w in values(local.workers) : w.group]) : replace(group, "-", "_") => {
            hosts = { for name, w in local.workers : name => {
              ansible_host            = crd_vm.worker[name].private_ip
              ansible_ssh_common_args = "-o ProxyJump=${var.admin_user}@${crd_vm.bastion[w.site].public_ip} -o HostKeyAlias=${name}"
              crd_site                = w.site
            } if w.group == group }
          }
        },
        {
          for site in local.sites : "site_${replace(site, "-", "_")}" => {
            hosts = merge(
              { (local.bastion_name[site]) = {} },
              { for name, w in local.workers : name => {} if w.site == site },
            )
          }
        },
      )
    }
  })
}
