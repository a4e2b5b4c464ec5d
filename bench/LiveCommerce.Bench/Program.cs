using System.Reflection;
using LiveCommerce.Bench;

var commands = Assembly.GetExecutingAssembly().GetTypes()
    .Where(t => typeof(IBenchCommand).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
    .Select(t => (IBenchCommand)Activator.CreateInstance(t)!)
    .OrderBy(c => c.Name, StringComparer.Ordinal)
    .ToList();

var chosen = args.Length > 0 ? commands.FirstOrDefault(c => c.Name == args[0]) : null;
if (chosen is null)
{
    Console.WriteLine("usage: dotnet run -c Release --project bench/LiveCommerce.Bench -- <command> [options]");
    foreach (var c in commands)
    {
        Console.WriteLine($"  {c.Name,-14} {c.Description}");
    }
    return args.Length == 0 ? 0 : 2;
}

return await chosen.RunAsync(args[1..]);
