namespace LiveCommerce.Workflows;
internal static class AssemblyMarker;
