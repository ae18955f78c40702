namespace AnimeGan.Core.Batches
{
    /// <summary>One photo to convert, and the folder it was found under.</summary>
    /// <param name="Path">The photo.</param>
    /// <param name="Root">
    /// The folder the photo was found in by walking a tree, or null. With a destination, the photo's folders
    /// below the root are mirrored there, so photos of the same name in different sub-folders stay apart.
    /// </param>
    public sealed record BatchInput(string Path, string? Root = null);
}
