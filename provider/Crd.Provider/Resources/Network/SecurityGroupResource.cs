using System.Text.RegularExpressions;
using Crd.Cloud;
using Crd.Cloud.Network;
using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Resources;
using Crd.Terraform.Plugin.Schema;
using Crd.Terraform.Plugin.Schema.PlanModifiers;
using Crd.Terraform.Plugin.Validators;
using Attr = Crd.Terraform.Plugin.Schema.SchemaAttribute;
using Key = Crd.Provider.Resources.Network.SecurityGroupRules.Key;

namespace Crd.Provider.Resources.Network;

/// <summary>
/// <c>crd_security_group</c>: a Neutron security group with its rules on one site
/// (docs/resources/security_group.md). The <c>rule</c> blocks are the group's rules: changing
/// them creates and deletes only the rules that differ, the others stay in place (no window
/// without access). Neutron's default egress rules are left alone unless
/// <c>delete_default_rules</c>. A group still used by ports when destroyed is retried until
/// they are gone or the delete timeout ends, then fails naming the ports.
/// </summary>
internal sealed partial class SecurityGroupResource : IResource, IResourceWithConfigure, IResourceWithModifyPlan, IResourceWithImportState, IResourceWithValidateConfig
{
    private static readonly TimeSpan CreateTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan UpdateTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan DeleteTimeout = TimeSpan.FromMinutes(10);
    private static readonly CtyPath RulePath = CtyPath.Root.Attribute("rule");

    private ProviderContext? _context;

    public string TypeName => "crd_security_group";

    public SchemaDefinition Schema { get; } = new(0, new Block
    {
        Description = "A security group (Neutron) on one site: a named set of firewall rules applied to VM ports. "
            + "Reference it from `crd_vm.security_groups` by id or name.",
        Attributes =
        {
            new Attr("id", CtyType.String) { Computed = true, PlanModifiers = [UseStateForUnknown.Instance], Description = "Neutron security group id." },
            SiteScope.SiteAttribute(),
            SiteScope.ProjectAttribute(),
            new Attr("name", CtyType.String)
            {
                Required = true,
                Validators = [StringValidators.LengthBetween(1, 255), new DefaultName()],
                Description = "Group name, as `crd_vm.security_groups` may reference it. Changes in place (VMs referencing the group by id are unaffected).",
            },
            new Attr("description", CtyType.String) { Optional = true, Validators = [StringValidators.LengthBetween(0, 255)], Description = "Free text. Changes in place." },
            new Attr("delete_default_rules", CtyType.Bool)
            {
                Optional = true,
                Computed = true,
                Default = CtyValue.Bool(false),
                Description = "Neutron gives every new group two rules allowing all egress (IPv4 and IPv6). With `false` (the default) they stay and the provider leaves them alone; "
                    + "with `true` they are deleted and egress is exactly what the `rule` blocks allow. Changes in place (back to `false` restores them).",
            },
        },
        Blocks =
        {
            new NestedBlock("rule", NestingMode.Set, new Block
            {
                Description = "One rule. The set is the group's rules: a block added, changed or removed creates or deletes that rule only.",
                Attributes =
                {
                    new Attr("direction", CtyType.String) { Required = true, Validators = [StringValidators.OneOf("ingress", "egress")], Description = "`ingress` (to the VMs) or `egress` (from them)." },
                    new Attr("ethertype", CtyType.String)
                    {
                        Optional = true,
                        Computed = true,
                        Default = CtyValue.String("IPv4"),
                        Validators = [StringValidators.OneOf("IPv4", "IPv6")],
                        Description = "`IPv4` (default) or `IPv6`; must match `remote_ip_prefix`.",
                    },
                    new Attr("protocol", CtyType.String)
                    {
                        Optional = true,
                        Validators = [StringValidators.Matches(Protocol(), "must be `tcp`, `udp`, `icmp`, `icmpv6`, `sctp` or an IP protocol number 0-255")],
                        Description = "`tcp`, `udp`, `icmp`, `icmpv6`, `sctp` or an IP protocol number. Unset means every protocol.",
                    },
                    new Attr("port_range_min", CtyType.Number)
                    {
                        Optional = true,
                        Validators = [NumberValidators.IntegerBetween(0, 65535)],
                        Description = "Lowest port (tcp, udp, sctp; with `port_range_max`), or the ICMP type. Unset means every port.",
                    },
                    new Attr("port_range_max", CtyType.Number)
                    {
                        Optional = true,
                        Validators = [NumberValidators.IntegerBetween(0, 65535)],
                        Description = "Highest port (equal to `port_range_min` for one port), or the ICMP code.",
                    },
                    new Attr("remote_ip_prefix", CtyType.String)
                    {
                        Optional = true,
                        Description = "Admit only this CIDR (`192.0.2.0/24`; the network address, with its length). Conflicts with `remote_group_id`; neither means anywhere.",
                    },
                    new Attr("remote_group_id", CtyType.String)
                    {
                        Optional = true,
                        Description = "Admit only ports in this security group (an id, e.g. `crd_security_group.bastion.id`, or `\"self\"` for this group's own members).",
                    },
                    new Attr("description", CtyType.String) { Optional = true, Validators = [StringValidators.LengthBetween(0, 255)], Description = "Free text for the rule." },
                },
            }),
            Timeouts.Block(CreateTimeout, UpdateTimeout, DeleteTimeout),
        },
    });

    public void Configure(object? providerData) => _context = providerData as ProviderContext;

    public Task ValidateConfigAsync(ValidateConfigRequest request, ValidateConfigResponse response, CancellationToken cancellationToken)
    {
        var config = request.Config;
        var deleteDefaults = config.GetBool("delete_default_rules") ?? config.IsUnknown("delete_default_rules");
        foreach (var rule in config.GetBlocks("rule"))
        {
            SecurityGroupRules.Validate(rule, deleteDefaults, RulePath, response.Diagnostics);
        }

        return Task.CompletedTask;
    }

    public async Task ModifyPlanAsync(ModifyPlanRequest request, ModifyPlanResponse response, CancellationToken cancellationToken)
    {
        var plan = response.Plan;
        if (plan.IsNull)
        {
            return;
        }

        if (request.PriorState.IsNull && plan.IsUnknown("site") && request.Config.Get("site") is { IsKnown: true, IsNull: true })
        {
            plan.SetString("site", null);
        }

        await SiteScope.ResolvePlanAsync(_context, request.Config, plan, response.Diagnostics, cancellationToken).ConfigureAwait(false);
    }

    public async Task CreateAsync(CreateRequest request, CreateResponse response, CancellationToken cancellationToken)
    {
        var plan = request.Plan;
        var state = response.State;
        if (SiteScope.SessionOf(_context, plan, response.Diagnostics) is not { } session)
        {
            return;
        }

        var client = new SecurityGroupClient(session);
        using var timeout = Timeout(cancellationToken, Timeouts.Get(plan, "create", CreateTimeout));
        string? id = null;
        try
        {
            var group = await client.CreateAsync(plan.GetString("name")!, plan.GetString("description") ?? "", timeout.Token).ConfigureAwait(false);
            id = group.Id;
            state.SetString("id", id);
            await ConvergeRulesAsync(client, group, plan, priorDeleteDefaults: false, timeout.Token).ConfigureAwait(false);
            group = await client.FindAsync(id, timeout.Token).ConfigureAwait(false) ?? throw new CloudOperationException($"security group {id} disappeared on {session.Site}");
            Fill(state, group, plan);
        }
        catch (Exception e) when (e is CloudException or OperationCanceledException)
        {
            if (id is null)
            {
                response.Diagnostics.AddError("Cannot Create Security Group", Message(e));
                return;
            }

            await RecordActualAsync(client, id, state, plan).ConfigureAwait(false);
            response.Diagnostics.AddError("Security Group Rules Failed",
                $"{Message(e)}. Security group {id} exists with the rules that did apply; it is kept in state as tainted, and the next apply replaces it.");
        }
    }

    public async Task ReadAsync(ReadRequest request, ReadResponse response, CancellationToken cancellationToken)
    {
        var state = request.State;
        if (SiteScope.SessionOf(_context, state, response.Diagnostics) is not { } session || state.GetString("id") is not { } id)
        {
            return;
        }

        try
        {
            if (await new SecurityGroupClient(session).FindAsync(id, cancellationToken).ConfigureAwait(false) is not { } group)
            {
                response.RemoveResource();
                return;
            }

            Fill(response.State, group, state);
        }
        catch (CloudException e)
        {
            SiteScope.AddError(response.Diagnostics, "Cannot Read Security Group", e);
        }
    }

    public async Task UpdateAsync(UpdateRequest request, UpdateResponse response, CancellationToken cancellationToken)
    {
        var (plan, prior) = (request.Plan, request.PriorState);
        if (SiteScope.SessionOf(_context, prior, response.Diagnostics) is not { } session || prior.GetString("id") is not { } id)
        {
            return;
        }

        var client = new SecurityGroupClient(session);
        using var timeout = Timeout(cancellationToken, Timeouts.Get(plan, "update", UpdateTimeout));
        try
        {
            if (plan.GetString("name") != prior.GetString("name") || (plan.GetString("description") ?? "") != (prior.GetString("description") ?? ""))
            {
                await client.UpdateAsync(id, plan.GetString("name")!, plan.GetString("description") ?? "", timeout.Token).ConfigureAwait(false);
            }

            var group = await client.FindAsync(id, timeout.Token).ConfigureAwait(false) ?? throw new CloudOperationException($"security group {id} no longer exists on {session.Site}");
            await ConvergeRulesAsync(client, group, plan, prior.GetBool("delete_default_rules") == true, timeout.Token).ConfigureAwait(false);
            group = await client.FindAsync(id, timeout.Token).ConfigureAwait(false) ?? throw new CloudOperationException($"security group {id} disappeared on {session.Site}");
            Fill(response.State, group, plan);
        }
        catch (Exception e) when (e is CloudException or OperationCanceledException)
        {
            response.Diagnostics.AddError("Cannot Update Security Group", Message(e));
            await RecordActualAsync(client, id, response.State, plan).ConfigureAwait(false);
        }
    }

    public async Task DeleteAsync(DeleteRequest request, DeleteResponse response, CancellationToken cancellationToken)
    {
        var prior = request.PriorState;
        if (SiteScope.SessionOf(_context, prior, response.Diagnostics) is not { } session || prior.GetString("id") is not { } id)
        {
            return;
        }

        try
        {
            await new SecurityGroupClient(session).DeleteAsync(id, Timeouts.Get(prior, "delete", DeleteTimeout), cancellationToken).ConfigureAwait(false);
        }
        catch (CloudTimeoutException e)
        {
            response.Diagnostics.AddError("Security Group Still In Use",
                $"Security group \"{prior.GetString("name")}\" ({id}) on {session.Site} is still used by {e.LastStatus["in use by ".Length..]} after {Timeouts.Get(prior, "delete", DeleteTimeout).TotalSeconds:0} s. "
                + "Remove it from those VMs (`security_groups`) or delete them, then destroy again; raise `timeouts.delete` if they are being deleted slowly.");
        }
        catch (CloudException e)
        {
            SiteScope.AddError(response.Diagnostics, "Cannot Delete Security Group", e);
        }
    }

    public async Task ImportStateAsync(ImportStateRequest request, ImportStateResponse response, CancellationToken cancellationToken)
    {
        if (SiteScope.ParseImportId(request.Id, TypeName, _context, response.Diagnostics) is not { } parsed)
        {
            return;
        }

        var state = response.State;
        state.SetString("site", parsed.Site);
        if (parsed.Project is not null)
        {
            state.SetString("project", parsed.Project);
        }

        if (await SiteScope.ResolvePlanAsync(_context, state, state, response.Diagnostics, cancellationToken).ConfigureAwait(false) is null)
        {
            return;
        }

        state.SetString("id", parsed.Id);
    }

    /// <summary>
    /// Brings the group's rules to the planned set: rules whose key is unchanged stay; a
    /// changed rule that Neutron would call a duplicate of the old one (only the description
    /// differs) is deleted first, every other new rule is created before the old ones go.
    /// </summary>
    private static async Task ConvergeRulesAsync(SecurityGroupClient client, NeutronSecurityGroupDetail group, ResourceData plan, bool priorDeleteDefaults, CancellationToken cancellationToken)
    {
        var deleteDefaults = plan.GetBool("delete_default_rules") == true;
        var written = new Dictionary<SecurityGroupRules.Key, string?>();
        foreach (var element in plan.GetBlocks("rule"))
        {
            written.TryAdd(SecurityGroupRules.KeyOf(element), element.GetString("remote_ip_prefix"));
        }

        var wanted = written.Keys.ToList();
        var current = SecurityGroupRules.Managed(group, deleteDefaults).ToList();
        if (!deleteDefaults && priorDeleteDefaults)
        {
            // Back to Neutron's defaults: restore the allow-all egress pair.
            foreach (var ethertype in new[] { "IPv4", "IPv6" })
            {
                var egress = new Key("egress", ethertype, null, null, null, null, null, "");
                if (!group.Rules.Any(r => SecurityGroupRules.KeyOf(r.Spec, group.Id).CollidesWith(egress)))
                {
                    await client.CreateRuleAsync(group.Id, egress.ToSpec(group.Id), cancellationToken).ConfigureAwait(false);
                }
            }
        }

        var stale = current.Where(c => !wanted.Contains(c.Key)).ToList();
        var added = wanted.Where(w => !current.Any(c => c.Key == w)).ToList();
        var colliding = stale.Where(s => added.Any(a => a.CollidesWith(s.Key))).ToList();
        foreach (var (rule, _) in colliding)
        {
            await client.DeleteRuleAsync(rule.Id, cancellationToken).ConfigureAwait(false);
        }

        foreach (var key in added)
        {
            await client.CreateRuleAsync(group.Id, key.ToSpec(group.Id, written[key]), cancellationToken).ConfigureAwait(false);
        }

        foreach (var (rule, _) in stale.Except(colliding))
        {
            await client.DeleteRuleAsync(rule.Id, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes the group into state, keeping the spelling of <paramref name="previous"/> wherever it means the same rule.</summary>
    private static void Fill(ResourceData state, NeutronSecurityGroupDetail group, ResourceData previous)
    {
        state.SetString("id", group.Id);
        state.SetString("name", group.Name);
        state.SetString("description", group.Description.Length == 0 && previous.GetString("description") != "" ? null : group.Description);
        var deleteDefaults = previous.GetBool("delete_default_rules")
            ?? !group.Rules.Any(r => SecurityGroupRules.KeyOf(r.Spec, group.Id).IsDefaultEgress); // import: true when the defaults are gone
        state.SetBool("delete_default_rules", deleteDefaults);
        state.SetBlocks("rule", SecurityGroupRules.ToElements(state, SecurityGroupRules.Managed(group, deleteDefaults), previous.GetBlocks("rule")));
    }

    private static async Task RecordActualAsync(SecurityGroupClient client, string id, ResourceData state, ResourceData plan)
    {
        try
        {
            using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            if (await client.FindAsync(id, quick.Token).ConfigureAwait(false) is { } group)
            {
                Fill(state, group, plan);
                return;
            }
        }
        catch (Exception e) when (e is CloudException or OperationCanceledException)
        {
            // Fall through: the planned rules are the best guess; the next refresh corrects them.
        }

        state.SetValue(plan.Value);
        state.SetString("id", id);
    }

    private static CancellationTokenSource Timeout(CancellationToken cancellationToken, TimeSpan timeout)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        source.CancelAfter(timeout);
        return source;
    }

    private static string Message(Exception e) => e is OperationCanceledException ? "the operation timed out or was cancelled" : e.Message;

    [GeneratedRegex("^(tcp|udp|icmp|icmpv6|sctp|[0-9]|[1-9][0-9]|1[0-9][0-9]|2[0-4][0-9]|25[0-5])$")]
    private static partial Regex Protocol();

    /// <summary>Neutron refuses a second group named <c>default</c>.</summary>
    private sealed class DefaultName : IAttributeValidator
    {
        public string Description => "must not be `default`";

        public void Validate(ValidationRequest request, Terraform.Plugin.Diagnostics.DiagnosticCollection diagnostics)
        {
            if (request.Value is { IsKnown: true, IsNull: false } value && value.AsString() == "default")
            {
                diagnostics.AddAttributeError(request.Path, "Reserved Group Name",
                    "Every project already has a security group named \"default\", and Neutron refuses a second one. Choose another name; to use the default group, write `security_groups = [\"default\"]` on the VM.");
            }
        }
    }
}
