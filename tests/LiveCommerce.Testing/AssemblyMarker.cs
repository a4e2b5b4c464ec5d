namespace LiveCommerce.Testing; internal static class AssemblyMarker;
