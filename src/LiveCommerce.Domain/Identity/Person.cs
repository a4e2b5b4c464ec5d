namespace LiveCommerce.Domain.Identity;

/// <summary>A natural person as an application names them. The ID number is raw: an invalid one is a finding.</summary>
public sealed record Person(string Name, string IdNumber);
