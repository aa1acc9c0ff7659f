using System.Security.Cryptography;

namespace Crd.Terraform.Plugin.Hosting;

/// <summary>
/// A fresh socket path per process, like go-plugin's <c>os.CreateTemp(dir, "plugin")</c>:
/// Terraform runs one provider process per provider configuration at once, so the path
/// must never be fixed.
/// </summary>
internal static class UnixSocketPath
{
    public static string Create(string directory)
    {
        for (var attempt = 0; attempt < 16; attempt++)
        {
            var name = "plugin" + RandomNumberGenerator.GetInt32(0, int.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var path = Path.Combine(directory, name);
            if (!Path.Exists(path))
            {
                return path;
            }
        }

        throw new IOException($"could not find a free socket name in {directory}");
    }

    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
