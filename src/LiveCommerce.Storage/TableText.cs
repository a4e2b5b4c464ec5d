using System.Text;
using Azure.Data.Tables;

namespace LiveCommerce.Storage;

/// <summary>
/// Text longer than one Table string property holds (64 KiB, i.e. 32K UTF-16 characters), split across
/// <c>{name}0..{name}N</c> with the count in <c>{name}Chunks</c>. An entity holds 1 MiB in all.
/// </summary>
internal static class TableText
{
    private const int ChunkChars = 30_000;

    public static void Write(TableEntity entity, string name, string text)
    {
        entity[name + "Chunks"] = (text.Length + ChunkChars - 1) / ChunkChars;
        for (int i = 0, offset = 0; offset < text.Length; i++, offset += ChunkChars)
        {
            entity[name + i] = text.Substring(offset, Math.Min(ChunkChars, text.Length - offset));
        }
    }

    public static string? Read(TableEntity entity, string name)
    {
        if (entity.GetInt32(name + "Chunks") is not { } chunks)
        {
            return null;
        }

        var text = new StringBuilder();
        for (var i = 0; i < chunks; i++)
        {
            text.Append(entity.GetString(name + i));
        }

        return text.ToString();
    }
}
