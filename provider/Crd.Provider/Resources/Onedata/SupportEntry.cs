using System.Globalization;
using Crd.Terraform.Plugin.Resources;

namespace Crd.Provider.Resources.Onedata;

/// <summary>One <c>support</c> block of <c>crd_onedata_space</c>, as plain values.</summary>
internal sealed record SupportEntry(string Site, double SizeGb, string? StorageId, string? ProviderId, string Status, string? SupportToken, string? TokenExpiresAt)
{
    public const long BytesPerGib = 1_073_741_824L;

    public long SizeBytes => checked((long)Math.Round(SizeGb * BytesPerGib));

    public bool IsPending => Status == OnedataSpaceSchema.Pending;

    public static double GibOf(long bytes) => (double)bytes / BytesPerGib;

    /// <summary>Reads a support element; null when its site or size is not known yet.</summary>
    public static SupportEntry? From(ResourceData element)
    {
        if (element.GetString("site") is not { } site || element.GetDouble("size_gb") is not { } size)
        {
            return null;
        }

        return new SupportEntry(site, size, element.GetString("storage_id"), element.GetString("provider_id"),
            element.GetString("status") ?? OnedataSpaceSchema.Supported, element.GetString("support_token"), element.GetString("support_token_expires_at"));
    }

    /// <summary>Writes the entry into a fresh element of <paramref name="parent"/>'s <c>support</c> block.</summary>
    public ResourceData ToElement(ResourceData parent)
    {
        var element = parent.NewBlockElement("support");
        element.SetString("site", Site);
        if (SizeGb == Math.Floor(SizeGb))
        {
            element.SetInt64("size_gb", (long)SizeGb);
        }
        else
        {
            element.SetDouble("size_gb", SizeGb);
        }

        element.SetString("storage_id", StorageId);
        element.SetString("provider_id", ProviderId);
        element.SetString("status", Status);
        element.SetString("support_token", SupportToken);
        element.SetString("support_token_expires_at", TokenExpiresAt);
        return element;
    }

    public static string Rfc3339(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Never prints the token.</summary>
    public override string ToString() => $"support {Site} {SizeGb} GiB ({Status})";
}
