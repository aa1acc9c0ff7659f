output "project_id" {
  description = "Portal project uuid: give it as `project` to crd_vm, crd_volume, crd_k8s_cluster... to create more in the project's tenants."
  value       = crd_project.this.id
}

output "tenants" {
  description = "The project's tenant on each site: OpenStack project id, internal network and subnet, portal state."
  value = {
    for site, t in crd_project.this.tenants : site => {
      project_id = t.project_id
      network_id = t.network_id
      subnet_id  = t.subnet_id
      state      = t.state
    }
  }
}

output "quotas" {
  # Usage is left out on purpose: it changes with every VM the group starts, and an output that
  # changes makes every `plan -detailed-exitcode` report a change (crd_quota.x.usage has it).
  description = "Per site: the limits this module manages (null: left as the portal set them)."
  value = {
    for site, q in crd_quota.site : site => { for k in local.quota_keys : k => q[k] }
  }
}

output "onedata_space_id" {
  description = "Onezone id of the project's space (null without onedata_space): for crd_onedata_access_token and oneclient."
  value       = one(crd_onedata_space.data[*].id)
}

output "onedata_supports" {
  description = "Per site: `supported`, or `pending` while that site's administrators have not used their support token (see the crd_onedata_space docs)."
  value       = { for s in flatten(crd_onedata_space.data[*].support) : s.site => s.status }
}

output "bastion_ips" {
  description = "Public address of each site's bastion (empty without workers)."
  value       = try(module.workers[0].bastion_ips, {})
}

output "workers" {
  description = "Every worker: site, group, private IP, id (empty without workers)."
  value       = try(module.workers[0].workers, {})
}

output "ssh_config" {
  description = "An OpenSSH config with one Host per bastion and worker (ProxyJump through the site's bastion); null without workers."
  value       = try(module.workers[0].ssh_config, null)
}

output "ansible_inventory" {
  description = "An Ansible YAML inventory, one group per worker group; null without workers."
  value       = try(module.workers[0].ansible_inventory, null)
}
