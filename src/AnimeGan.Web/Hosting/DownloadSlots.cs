namespace AnimeGan.Web.Hosting
{
    /// <summary>
    /// Slots for making downloads (a full-size result, a zip): as many as conversion slots, but their own, so a
    /// download never waits behind queued conversions and a conversion never waits behind downloads. A slot is
    /// held only while the file is encoded into the request's work area; sending it to the client, however slowly
    /// the client reads, holds none.
    /// </summary>
    internal sealed class DownloadSlots : Slots
    {
        public DownloadSlots(ServeOptions options)
            : base(options, "download")
        {
        }
    }
}
