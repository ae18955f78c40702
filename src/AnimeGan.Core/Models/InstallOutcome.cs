namespace AnimeGan.Core.Models
{
    /// <summary>What an install did, so callers can report "installed" apart from "already there".</summary>
    public enum InstallOutcome
    {
        /// <summary>The file was copied or downloaded, verified and put in place.</summary>
        Installed,

        /// <summary>A verified copy was already in place; nothing was written.</summary>
        AlreadyInstalled,
    }
}
