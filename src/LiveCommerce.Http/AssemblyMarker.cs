namespace LiveCommerce.Http;
internal static class AssemblyMarker;
