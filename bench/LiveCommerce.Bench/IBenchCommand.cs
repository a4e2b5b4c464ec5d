namespace LiveCommerce.Bench;

/// <summary>One figure-producing command of bench/. Program finds every implementation by reflection.</summary>
public interface IBenchCommand
{
    /// <summary>The word on the command line: <c>dotnet run -c Release --project bench/LiveCommerce.Bench -- NAME ...</c>.</summary>
    string Name { get; }

    /// <summary>One line for the usage text.</summary>
    string Description { get; }

    Task<int> RunAsync(string[] args);
}
