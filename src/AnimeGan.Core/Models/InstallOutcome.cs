namespace AnimeGan.Core.Models
{
    /// <summary>What an install did, so callers can report "installed" apart from "already there" and "failed".</summary>
    public enum InstallOutcome
    {
        /// <summary>The file was copied or downloaded, verified and put in place.</summary>
        Installed,

        /// <summary>A verified copy was already in place; nothing was written.</summary>
        AlreadyInstalled,

        /// <summary>Nothing was installed; the result's error says why, and the models folder is as it was.</summary>
        Failed,
    }
}
