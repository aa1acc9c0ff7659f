namespace Crd.Provider;

internal static class Program
{
    private static int Main(string[] args)
    {
        Console.Error.WriteLine("terraform-provider-crd: not yet wired");
        return 1;
    }
}
