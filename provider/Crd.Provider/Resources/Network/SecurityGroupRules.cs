using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Crd.Cloud.Network;
using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Diagnostics;
using Crd.Terraform.Plugin.Resources;

namespace Crd.Provider.Resources.Network;

/// <summary>
/// The <c>rule</c> blocks of <c>crd_security_group</c> and Neutron's rules, related by a
/// canonical key: the same rule spelled two ways (an unset ethertype and <c>"IPv4"</c>, no
/// remote and <c>0.0.0.0/0</c>, no description and <c>""</c>, the group's own id and
/// <c>"self"</c>) has one key, so refresh keeps the practitioner's spelling and an update
/// touches only the rules whose key changed.
/// </summary>
internal static class SecurityGroupRules
{
    public const string Self = "self";

    private static readonly string[] PortProtocols = ["tcp", "udp", "sctp"];
    private static readonly string[] IcmpProtocols = ["icmp", "icmpv6"];

    /// <summary>A rule's identity; <see cref="RemoteGroupId"/> is <see cref="Self"/> for the group itself.</summary>
    public sealed record Key(string Direction, string Ethertype, string? Protocol, int? PortRangeMin, int? PortRangeMax, string? RemoteIpPrefix, string? RemoteGroupId, string Description)
    {
        public bool IsDefaultEgress => Direction == "egress" && Protocol is null && PortRangeMin is null && PortRangeMax is null && RemoteIpPrefix is null && RemoteGroupId is null;

        /// <summary>Neutron considers two rules duplicates when all but the description agree.</summary>
        public bool CollidesWith(Key other) => this with { Description = "" } == other with { Description = "" };

        /// <summary>The spec to send, with <see cref="Self"/> replaced by the group's id and the CIDR as the practitioner wrote it.</summary>
        public SecurityGroupRuleSpec ToSpec(string groupId, string? writtenPrefix = null)
            => new(Direction, Ethertype, Protocol, PortRangeMin, PortRangeMax, writtenPrefix ?? RemoteIpPrefix, RemoteGroupId == Self ? groupId : RemoteGroupId, Description);
    }

    /// <summary>The key of a configured or stored <c>rule</c> element.</summary>
    public static Key KeyOf(ResourceData rule)
    {
        var ethertype = rule.GetString("ethertype") ?? "IPv4";
        return new Key(
            rule.GetString("direction") ?? "",
            ethertype,
            rule.GetString("protocol"),
            Int(rule, "port_range_min"),
            Int(rule, "port_range_max"),
            AnyRemoteAsNull(rule.GetString("remote_ip_prefix")),
            rule.GetString("remote_group_id"),
            rule.GetString("description") ?? "");
    }

    /// <summary>The key of a rule Neutron holds for group <paramref name="groupId"/>.</summary>
    public static Key KeyOf(SecurityGroupRuleSpec spec, string groupId) => new(
        spec.Direction,
        spec.Ethertype,
        spec.Protocol is "any" ? null : spec.Protocol,
        spec.PortRangeMin,
        spec.PortRangeMax,
        AnyRemoteAsNull(spec.RemoteIpPrefix),
        spec.RemoteGroupId == groupId ? Self : spec.RemoteGroupId,
        spec.Description);

    /// <summary>
    /// The rules Terraform manages: every rule, or every rule but Neutron's default egress pair
    /// when <paramref name="deleteDefaultRules"/> is false (those are left alone).
    /// </summary>
    public static IEnumerable<(NeutronSecurityGroupRule Rule, Key Key)> Managed(NeutronSecurityGroupDetail group, bool deleteDefaultRules)
        => group.Rules.Select(r => (r, KeyOf(r.Spec, group.Id))).Where(x => deleteDefaultRules || !x.Item2.IsDefaultEgress);

    /// <summary>
    /// State elements for Neutron's rules: the element of <paramref name="previous"/> with the
    /// same key when there is one (the practitioner's spelling), else the canonical spelling.
    /// </summary>
    public static List<ResourceData> ToElements(ResourceData state, IEnumerable<(NeutronSecurityGroupRule Rule, Key Key)> rules, IReadOnlyList<ResourceData> previous)
    {
        var byKey = new Dictionary<Key, ResourceData>();
        foreach (var element in previous.Where(e => e.Value.IsWhollyKnown))
        {
            byKey.TryAdd(KeyOf(element), element);
        }

        var result = new List<ResourceData>();
        var seen = new HashSet<Key>();
        foreach (var (rule, key) in rules)
        {
            if (!seen.Add(key))
            {
                continue;
            }

            if (byKey.TryGetValue(key, out var given))
            {
                result.Add(given);
                continue;
            }

            var element = state.NewBlockElement("rule");
            element.SetString("direction", key.Direction);
            element.SetString("ethertype", key.Ethertype);
            element.SetString("protocol", key.Protocol);
            element.SetInt64("port_range_min", key.PortRangeMin);
            element.SetInt64("port_range_max", key.PortRangeMax);
            element.SetString("remote_ip_prefix", rule.Spec.RemoteIpPrefix);
            element.SetString("remote_group_id", key.RemoteGroupId);
            element.SetString("description", key.Description.Length == 0 ? null : key.Description);
            result.Add(element);
        }

        return result;
    }

    /// <summary>Validate-time checks of one <c>rule</c> block (only what is known).</summary>
    public static void Validate(ResourceData rule, bool deleteDefaultRules, CtyPath path, DiagnosticCollection diagnostics)
    {
        var protocol = rule.GetString("protocol");
        var min = Int(rule, "port_range_min");
        var max = Int(rule, "port_range_max");
        var protocolKnown = !rule.IsUnknown("protocol");
        var describe = $"rule ({rule.GetString("direction") ?? "?"} {protocol ?? "any protocol"}{(min is null ? "" : $" {min}-{max}")})";

        if (protocolKnown && protocol is null && (min is not null || max is not null))
        {
            diagnostics.AddAttributeError(path, "Ports Need A Protocol",
                $"The {describe} gives a port range but no protocol. Set `protocol = \"tcp\"` (or `udp`, `sctp`), or remove the port range to allow every port.");
        }
        else if (protocol is not null && PortProtocols.Contains(protocol))
        {
            if ((min is null) != (max is null) && !rule.IsUnknown("port_range_min") && !rule.IsUnknown("port_range_max"))
            {
                diagnostics.AddAttributeError(path, "Incomplete Port Range",
                    $"The {describe} sets only one end of its port range. Set both `port_range_min` and `port_range_max` (equal for a single port, e.g. 22 and 22), or neither for every port.");
            }
            else if (min is { } lo && max is { } hi && (lo > hi || lo < 1 || hi > 65535))
            {
                diagnostics.AddAttributeError(path, "Invalid Port Range",
                    $"The {describe} has port range {lo}-{hi}. Ports go from 1 to 65535 and `port_range_min` must not exceed `port_range_max`.");
            }
        }
        else if (protocol is not null && IcmpProtocols.Contains(protocol))
        {
            if (max is not null && min is null && !rule.IsUnknown("port_range_min"))
            {
                diagnostics.AddAttributeError(path, "ICMP Code Without Type",
                    $"For ICMP, `port_range_min` is the ICMP type and `port_range_max` the code; the {describe} sets a code without a type.");
            }
            else if (min is > 255 or < 0 || max is > 255 or < 0)
            {
                diagnostics.AddAttributeError(path, "Invalid ICMP Type Or Code",
                    $"For ICMP, `port_range_min` (type) and `port_range_max` (code) go from 0 to 255; the {describe} is outside that.");
            }
        }
        else if (protocol is not null && protocolKnown && (min is not null || max is not null))
        {
            diagnostics.AddAttributeError(path, "Ports Not Supported",
                $"Protocol \"{protocol}\" has no ports; only tcp, udp and sctp (ports) and icmp/icmpv6 (type and code) take a port range.");
        }

        if (rule.GetString("remote_ip_prefix") is { } prefix)
        {
            CheckPrefix(prefix, rule.GetString("ethertype") ?? (rule.IsUnknown("ethertype") ? null : "IPv4"), path, diagnostics);
        }

        if (!rule.IsNullAttribute("remote_ip_prefix") && !rule.IsNullAttribute("remote_group_id"))
        {
            diagnostics.AddAttributeError(path, "Conflicting Remotes",
                "A rule admits either a CIDR (`remote_ip_prefix`) or the members of a group (`remote_group_id`), not both. Write two rules.");
        }

        if (!deleteDefaultRules && rule.Value.IsWhollyKnown && KeyOf(rule) is { IsDefaultEgress: true } key && key.Description.Length == 0)
        {
            diagnostics.AddAttributeError(path, "Duplicate Of A Default Rule",
                $"Neutron gives every new group an allow-all egress rule per ethertype; this {key.Ethertype} rule is one of them, which the provider leaves alone while `delete_default_rules` is false. Remove the block, or set `delete_default_rules = true` to manage egress yourself.");
        }
    }

    private static void CheckPrefix(string prefix, string? ethertype, CtyPath path, DiagnosticCollection diagnostics)
    {
        if (!prefix.Contains('/', StringComparison.Ordinal) || !IPNetwork.TryParse(prefix, out var network))
        {
            diagnostics.AddAttributeError(path, "Invalid CIDR",
                $"remote_ip_prefix \"{prefix}\" is not a CIDR. Write the network and its prefix length, e.g. \"192.0.2.0/24\", or \"192.0.2.10/32\" for one address.");
            return;
        }

        var canonical = network.ToString();
        if (!string.Equals(canonical, prefix, StringComparison.OrdinalIgnoreCase))
        {
            diagnostics.AddAttributeError(path, "Non-Canonical CIDR",
                $"remote_ip_prefix \"{prefix}\" has host bits set; Neutron would store it differently and every plan would show a change. Write \"{canonical}\".");
        }

        var family = network.BaseAddress.AddressFamily == AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4";
        if (ethertype is not null && ethertype != family)
        {
            diagnostics.AddAttributeError(path, "CIDR Does Not Match Ethertype",
                $"remote_ip_prefix \"{prefix}\" is an {family} network but the rule's ethertype is {ethertype}. Set `ethertype = \"{family}\"`.");
        }
    }

    private static string? AnyRemoteAsNull(string? prefix) => prefix is "0.0.0.0/0" or "::/0" ? null : prefix;

    private static int? Int(ResourceData rule, string name) => rule.GetInt64(name) is { } value ? checked((int)value) : null;

    /// <summary>A rule for messages: "ingress tcp 22-22 from 192.0.2.0/24".</summary>
    public static string Describe(Key key)
    {
        var ports = key.PortRangeMin is null ? "" : " " + key.PortRangeMin.Value.ToString(CultureInfo.InvariantCulture) + "-" + (key.PortRangeMax ?? key.PortRangeMin).Value.ToString(CultureInfo.InvariantCulture);
        var remote = key.RemoteIpPrefix ?? (key.RemoteGroupId is null ? "anywhere" : "group " + key.RemoteGroupId);
        return $"{key.Direction} {key.Ethertype} {key.Protocol ?? "any"}{ports} {(key.Direction == "ingress" ? "from" : "to")} {remote}";
    }
}
