namespace LiveCommerce.Storage;
internal static class AssemblyMarker;
