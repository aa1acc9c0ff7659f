"""After `terraform apply` of modules/research-project/examples/two-sites: checks crd-sim's own
records (not the provider's state) against what the module promises: the portal project with a
ready tenant on toulouse and strasbourg, each tenant's quota as asked (through the portal), the
Onedata space supported by both sites' Oneproviders with the asked sizes, the bastion and the four
workers inside the project's Toulouse tenant (not the credentials' own project).
With --destroyed: the project's tenants, space and servers are gone.
usage: verify-research-project-two-sites.py <crd-sim url> <example dir> [--destroyed]"""
import json
import subprocess
import sys
import urllib.request

sim, example = sys.argv[1], sys.argv[2]
destroyed = "--destroyed" in sys.argv[3:]


def objects(collection):
    return json.load(urllib.request.urlopen(f"{sim}/_sim/objects/{collection}"))[collection]


problems = []


def expect(condition, message):
    if not condition:
        problems.append(message)


resources = [r for r in objects("portal.resources") if r["Name"].startswith("climate-lab-")]
spaces = [s for s in objects("onedata.spaces") if s["Name"] == "climate-lab"]
if destroyed:
    live = [r for r in resources if r["State"] not in ("Terminated", "Erred")]
    expect(not live, f"tenants still live after destroy: {[(r['Site'], r['State']) for r in live]}")
    expect(not spaces, f"the Onedata space is still in Onezone: {spaces}")
    expect(not objects("compute.servers"), "servers left after destroy")
else:
    outputs = json.loads(subprocess.run(["terraform", "output", "-json", "-no-color"], cwd=example, check=True, capture_output=True, text=True).stdout)
    project_id = outputs["project_id"]["value"]
    tenants = outputs["tenants"]["value"]
    space_id = outputs["onedata_space_id"]["value"]

    portal = [p for p in objects("portal.projects") if p["Id"] == project_id]
    expect(len(portal) == 1 and portal[0]["Name"] == "climate-lab", f"portal project {project_id} named climate-lab: {portal}")
    by_site = {r["Site"]: r for r in resources if r["PortalProjectId"] == project_id}
    expect(set(by_site) == {"toulouse", "strasbourg"}, f"tenants on toulouse and strasbourg, found {sorted(by_site)}")
    expect(all(r["State"] == "OK" for r in by_site.values()), f"tenant states {[(s, r['State']) for s, r in by_site.items()]}")

    want = {"toulouse": {"Cores": 32, "RamGb": 128, "StorageGb": 1000}, "strasbourg": {"Cores": 16, "RamGb": 64}}
    projects = {p["Id"]: p for p in objects("identity.projects")}
    for site, limits in want.items():
        tenant = tenants.get(site, {}).get("project_id")
        expect(tenant in projects and projects[tenant]["Site"] == site, f"{site}: tenant project {tenant} exists on the site")
        quota = projects.get(tenant, {}).get("Quota", {})
        for key, value in limits.items():
            expect(quota.get(key) == value, f"{site}: Nova/Cinder quota {key} = {quota.get(key)}, expected {value}")

    space = [s for s in objects("onedata.spaces") if s["Id"] == space_id]
    expect(len(space) == 1 and space[0]["Name"] == "climate-lab", f"space {space_id} named climate-lab: {space}")
    supports = sorted(s["SizeBytes"] // 2**30 for s in objects("onedata.supports") if s["SpaceId"] == space_id)
    expect(supports == [10, 20], f"the space's supports are {supports} GiB, expected 10 and 20 (strasbourg, toulouse)")
    expect(outputs["onedata_supports"]["value"] == {"toulouse": "supported", "strasbourg": "supported"}, f"onedata_supports output {outputs['onedata_supports']['value']}")

    servers = objects("compute.servers")
    toulouse_tenant = tenants.get("toulouse", {}).get("project_id")
    inside = [s for s in servers if s.get("ProjectId") == toulouse_tenant and s.get("Site") == "toulouse"]
    expect(len(inside) == 5, f"{len(inside)} servers in the project's Toulouse tenant, expected 5 (bastion + 4 workers); all servers: {[(s.get('Name'), s.get('Site'), s.get('ProjectId')) for s in servers]}")
    expect(len(servers) == len(inside), "servers outside the project's tenant")
    expect("ProxyJump climate-lab-bastion-toulouse" in (outputs["ssh_config"]["value"] or ""), "ssh_config jumps through the bastion")

if problems:
    print("\n".join(problems))
    sys.exit(1)
print("research-project example: crd-sim holds the project, quotas, space and workers" if not destroyed else "research-project example: nothing left")
