using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Crd.Cloud;
using Crd.Cloud.Compute;
using Crd.Terraform.Plugin.Cty;
using Crd.Terraform.Plugin.Diagnostics;
using Crd.Terraform.Plugin.Resources;
using Crd.Terraform.Plugin.Schema;
using Crd.Terraform.Plugin.Schema.PlanModifiers;
using Crd.Terraform.Plugin.Validators;
using Attr = Crd.Terraform.Plugin.Schema.SchemaAttribute;

namespace Crd.Provider.Resources.Compute;

/// <summary>
/// <c>crd_key_pair</c>: a Nova key pair on one site made from a given OpenSSH public key
/// (docs/resources/key_pair.md). The provider never lets Nova generate a key, so no private key
/// is ever in state. The fingerprint is known at plan time (Nova's MD5 of the key blob); a new
/// name or key replaces the key pair, since Nova cannot change either.
/// </summary>
internal sealed partial class KeyPairResource : IResource, IResourceWithConfigure, IResourceWithModifyPlan, IResourceWithImportState
{
    private static readonly CtyPath NamePath = CtyPath.Root.Attribute("name");
    private static readonly string[] KeyTypes = ["ssh-rsa", "ssh-ed25519", "ssh-dss", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521", "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com"];

    private ProviderContext? _context;

    public string TypeName => "crd_key_pair";

    public SchemaDefinition Schema { get; } = new(0, new Block
    {
        Description = "An SSH key pair registered with Nova on one site, from a public key you provide. "
            + "Reference it from `crd_vm.key_pair`. The private key never leaves your machine: the provider cannot generate one.",
        Attributes =
        {
            new Attr("id", CtyType.String) { Computed = true, PlanModifiers = [UseStateForUnknown.Instance], Description = "The key pair's name (Nova identifies key pairs by name)." },
            SiteScope.SiteAttribute(),
            SiteScope.ProjectAttribute(),
            new Attr("name", CtyType.String)
            {
                Required = true,
                Validators = [StringValidators.Matches(SafeName(), "must be 1 to 255 letters, digits, spaces or `_ . @ -`")],
                PlanModifiers = [RequiresReplace.Always],
                Description = "Key pair name, unique per user and site (letters, digits, spaces, `_ . @ -`). Changing it replaces the key pair.",
            },
            new Attr("public_key", CtyType.String)
            {
                Required = true,
                Validators = [new OpenSshPublicKey()],
                PlanModifiers = [RequiresReplace.If(IsOtherKey, "A different key replaces the key pair; a changed comment alone does not.")],
                Description = "OpenSSH public key (`ssh-ed25519 AAAA... comment`), e.g. `file(\"~/.ssh/id_ed25519.pub\")`. Changing the key replaces the key pair; changing only the trailing comment or whitespace does not.",
            },
            new Attr("fingerprint", CtyType.String) { Computed = true, Description = "Nova's fingerprint of the key (MD5, colon-separated hex), known at plan time." },
        },
    });

    public void Configure(object? providerData) => _context = providerData as ProviderContext;

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

        if (await SiteScope.ResolvePlanAsync(_context, request.Config, plan, response.Diagnostics, cancellationToken).ConfigureAwait(false) is null)
        {
            return;
        }

        var prior = request.PriorState;
        if (plan.GetString("name") is { } name)
        {
            plan.SetString("id", name);
        }

        if (plan.GetString("public_key") is { } key)
        {
            plan.SetString("fingerprint", Fingerprint(key));
        }
        else if (!prior.IsNull && plan.IsUnknown("public_key"))
        {
            plan.SetUnknown("fingerprint");
        }
    }

    public async Task CreateAsync(CreateRequest request, CreateResponse response, CancellationToken cancellationToken)
    {
        var plan = request.Plan;
        if (SiteScope.SessionOf(_context, plan, response.Diagnostics) is not { } session)
        {
            return;
        }

        var name = plan.GetString("name")!;
        try
        {
            var created = await new KeyPairClient(session).ImportAsync(name, plan.GetString("public_key")!, cancellationToken).ConfigureAwait(false);
            Fill(response.State, created, plan);
        }
        catch (CloudApiException e) when (e.IsConflict)
        {
            response.Diagnostics.AddAttributeError(NamePath, "Key Pair Already Exists",
                $"Site \"{session.Site}\" already has a key pair \"{name}\" with another key ({e.ServiceMessage}). Choose another name, or bring the existing one under Terraform with `terraform import` (id \"{session.Site}/{name}\").");
        }
        catch (CloudException e)
        {
            SiteScope.AddError(response.Diagnostics, "Cannot Create Key Pair", e);
        }
    }

    public async Task ReadAsync(ReadRequest request, ReadResponse response, CancellationToken cancellationToken)
    {
        var state = request.State;
        if (SiteScope.SessionOf(_context, state, response.Diagnostics) is not { } session || (state.GetString("name") ?? state.GetString("id")) is not { } name)
        {
            return;
        }

        try
        {
            if (await new KeyPairClient(session).FindAsync(name, cancellationToken).ConfigureAwait(false) is not { } found)
            {
                response.RemoveResource();
                return;
            }

            Fill(response.State, found, state);
        }
        catch (CloudException e)
        {
            SiteScope.AddError(response.Diagnostics, "Cannot Read Key Pair", e);
        }
    }

    public Task UpdateAsync(UpdateRequest request, UpdateResponse response, CancellationToken cancellationToken)
    {
        // A new name or key replaces the key pair; what is left is a new comment or whitespace
        // around the same key, which Nova has no call for and SSH ignores: record the new spelling.
        response.State.SetValue(request.Plan.Value);
        return Task.CompletedTask;
    }

    public async Task DeleteAsync(DeleteRequest request, DeleteResponse response, CancellationToken cancellationToken)
    {
        var prior = request.PriorState;
        if (SiteScope.SessionOf(_context, prior, response.Diagnostics) is not { } session || prior.GetString("name") is not { } name)
        {
            return;
        }

        try
        {
            await new KeyPairClient(session).DeleteAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (CloudException e)
        {
            SiteScope.AddError(response.Diagnostics, "Cannot Delete Key Pair", e);
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
        state.SetString("name", parsed.Id);
    }

    private static bool IsOtherKey(PlanModifierRequest request)
        => request.StateValue is not { IsKnown: true, IsNull: false } prior || request.PlanValue is not { IsKnown: true, IsNull: false } planned
            || !KeyPairClient.SameKey(prior.AsString(), planned.AsString());

    /// <summary>Nova's fingerprint of an OpenSSH public key: MD5 of the decoded key blob, colon-separated hex.</summary>
    internal static string? Fingerprint(string publicKey)
    {
        var parts = publicKey.Trim().Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2)
        {
            return null;
        }

        var blob = new byte[parts[1].Length];
        if (!Convert.TryFromBase64String(parts[1], blob, out var length))
        {
            return null;
        }

        // MD5 identifies the key as Nova displays it; it protects nothing.
#pragma warning disable CA5351
        var hash = MD5.HashData(blob.AsSpan(0, length));
#pragma warning restore CA5351
        return string.Join(':', hash.Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
    }

    private static void Fill(ResourceData state, NovaKeyPair keyPair, ResourceData previous)
    {
        state.SetString("id", keyPair.Name);
        state.SetString("name", keyPair.Name);
        var given = previous.GetString("public_key");
        state.SetString("public_key", given is not null && KeyPairClient.SameKey(given, keyPair.PublicKey) ? given : keyPair.PublicKey);
        state.SetString("fingerprint", string.IsNullOrEmpty(keyPair.Fingerprint) ? Fingerprint(keyPair.PublicKey) : keyPair.Fingerprint);
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-zA-Z0-9 _.@-]{1,255}$")]
    private static partial System.Text.RegularExpressions.Regex SafeName();

    /// <summary>An OpenSSH public key line: a known key type, then base64 whose blob starts with that type.</summary>
    private sealed class OpenSshPublicKey : IAttributeValidator
    {
        public string Description => "must be an OpenSSH public key (`<type> <base64> [comment]`)";

        public void Validate(ValidationRequest request, DiagnosticCollection diagnostics)
        {
            if (request.Value.IsNull || !request.Value.IsKnown)
            {
                return;
            }

            var text = request.Value.AsString();
            if (text.Contains("PRIVATE KEY", StringComparison.Ordinal))
            {
                diagnostics.AddAttributeError(request.Path, "Private Key Given",
                    "`public_key` holds a private key. Give the public half instead (the `.pub` file, e.g. `file(\"~/.ssh/id_ed25519.pub\")`), and treat the private key as exposed: it is now in your configuration.");
                return;
            }

            if (!IsPublicKey(text))
            {
                var start = text.Length > 20 ? text[..20] + "..." : text;
                diagnostics.AddAttributeError(request.Path, "Invalid Public Key",
                    $"\"{start}\" is not an OpenSSH public key. Expected one line \"<type> <base64> [comment]\" with type one of {string.Join(", ", KeyTypes)}, as in a `.pub` file (`ssh-keygen -t ed25519` writes one).");
            }
        }

        private static bool IsPublicKey(string text)
        {
            var parts = text.Trim().Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2 || !KeyTypes.Contains(parts[0]) || text.Trim().Contains('\n', StringComparison.Ordinal))
            {
                return false;
            }

            var blob = new byte[parts[1].Length];
            if (!Convert.TryFromBase64String(parts[1], blob, out var length) || length < 4 + parts[0].Length)
            {
                return false;
            }

            return BinaryPrimitives.ReadInt32BigEndian(blob) == parts[0].Length && Encoding.ASCII.GetString(blob, 4, parts[0].Length) == parts[0];
        }
    }
}
