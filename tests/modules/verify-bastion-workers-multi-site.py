"""After `terraform apply` of modules/bastion-workers/examples/multi-site: checks crd-sim's own
records (not the provider's state) against what the module promises: per site one bastion group
admitting SSH from the allowed CIDR only, one worker group admitting SSH from that bastion group
only, the VMs' ports in the right group, floating IPs on bastions only, workers on their sites.
usage: verify-bastion-workers-multi-site.py <crd-sim url> <example dir>"""
import json
import subprocess
import sys
import urllib.request

sim, example = sys.argv[1], sys.argv[2]
outputs = json.loads(subprocess.run(["terraform", "output", "-json", "-no-color"], cwd=example, check=True, capture_output=True, text=True).stdout)
bastion_ips = outputs["bastion_ips"]["value"]
workers = outputs["workers"]["value"]


def objects(collection):
    return json.load(urllib.request.urlopen(f"{sim}/_sim/objects/{collection}"))[collection]


groups, rules, ports = objects("network.security_groups"), objects("network.security_group_rules"), objects("network.ports")
servers, floating = objects("compute.servers"), objects("network.floatingips")
problems = []


def expect(condition, message):
    if not condition:
        problems.append(message)


expect(set(bastion_ips) == {"toulouse", "montpellier"}, f"bastions on {sorted(bastion_ips)}, expected toulouse and montpellier")
expect(len(workers) == 8, f"{len(workers)} workers, expected 8")
for site in ("toulouse", "montpellier"):
    by_name = {g["Name"]: g for g in groups if g["Site"] == site}
    bastion, worker = by_name.get("lab-bastion"), by_name.get("lab-workers")
    if bastion is None or worker is None:
        problems.append(f"{site}: groups lab-bastion/lab-workers missing (have {sorted(by_name)})")
        continue
    ingress = lambda g: [r for r in rules if r["SecurityGroupId"] == g["Id"] and r["Direction"] == "ingress"]
    b = ingress(bastion)
    expect([(r["Protocol"], r["PortRangeMin"], r["PortRangeMax"], r["RemoteIpPrefix"]) for r in b] == [("tcp", 22, 22, "192.0.2.0/24")],
           f"{site}: bastion ingress is {[(r['Protocol'], r['PortRangeMin'], r['RemoteIpPrefix']) for r in b]}, expected only ssh from 192.0.2.0/24")
    w = ingress(worker)
    expect(all(r["RemoteIpPrefix"] is None for r in w), f"{site}: a worker rule admits a CIDR")
    ssh = [r for r in w if r["PortRangeMin"] == 22]
    expect(len(ssh) == 1 and ssh[0]["RemoteGroupId"] == bastion["Id"], f"{site}: worker ssh rule does not admit exactly the bastion group")
    expect(all(r["RemoteGroupId"] in (bastion["Id"], worker["Id"]) for r in w), f"{site}: a worker rule admits another group")
    site_servers = {s["Id"]: s for s in servers if s["Site"] == site}
    for port in (p for p in ports if p["DeviceId"] in site_servers):
        name = site_servers[port["DeviceId"]]["Name"]
        wanted = bastion["Id"] if name == f"lab-bastion-{site}" else worker["Id"]
        expect(port["SecurityGroupIds"] == [wanted], f"{site}: {name}'s port is in {port['SecurityGroupIds']}, expected [{wanted}]")
    site_fips = [f for f in floating if f["Site"] == site]
    expect([f["FloatingIpAddress"] for f in site_fips] == [bastion_ips.get(site)], f"{site}: floating IPs {[f['FloatingIpAddress'] for f in site_fips]}, expected only the bastion's")
for name, w in workers.items():
    server = next((s for s in servers if s["Id"] == w["id"]), None)
    expect(server is not None and server["Site"] == w["site"] and server["Name"] == name, f"worker {name} is not on {w['site']} in crd-sim")

if problems:
    print("\n".join(problems))
    sys.exit(1)
print(f"crd-sim: 2 bastions ({', '.join(f'{s} {ip}' for s, ip in sorted(bastion_ips.items()))}), {len(workers)} workers, groups and rules as promised")
