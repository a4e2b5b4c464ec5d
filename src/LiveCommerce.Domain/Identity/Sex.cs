namespace LiveCommerce.Domain.Identity;

/// <summary>Sex as encoded in the sequence code of a resident ID number: odd is male, even is female.</summary>
public enum Sex
{
    Male,
    Female,
}
