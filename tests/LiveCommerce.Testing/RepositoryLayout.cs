namespace LiveCommerce.Testing;

/// <summary>Where things are in this repository, found from wherever a test or benchmark runs.</summary>
public static class RepositoryLayout
{
    public static string Root { get; } = FindRoot();

    public static string AzuriteExecutable => Path.Combine(Root, "tools", "azurite", "node_modules", ".bin", "azurite");

    /// <summary>The built local host, in the same configuration as the calling assembly (Debug or Release).</summary>
    public static string LocalHostAssembly
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                ? "Release"
                : "Debug";
            return Path.Combine(Root, "src", "LiveCommerce.LocalHost", "bin", configuration, "net10.0", "LiveCommerce.LocalHost.dll");
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LiveCommerceFunctions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"LiveCommerceFunctions.sln not found above {AppContext.BaseDirectory}.");
    }
}
