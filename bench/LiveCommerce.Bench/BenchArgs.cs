namespace LiveCommerce.Bench;

/// <summary>"--name value" options of the bench commands.</summary>
internal static class BenchArgs
{
    public static string? String(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    public static int Int(string[] args, string name, int fallback) =>
        String(args, name) is { } value ? int.Parse(value) : fallback;

    public static int[] Ints(string[] args, string name, int[] fallback) =>
        String(args, name) is { } value ? [.. value.Split(',').Select(int.Parse)] : fallback;
}
