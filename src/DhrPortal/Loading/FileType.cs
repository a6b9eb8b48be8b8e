using System.Runtime.InteropServices;

namespace DhrPortal.Loading;

/// <summary>What kind of file system entry a path names, without following a symbolic link.</summary>
#pragma warning disable CS1591 // the members say what they are
public enum FileKind
{
    Missing,
    Regular,
    Directory,
    SymbolicLink,
    Fifo,
    CharacterDevice,
    BlockDevice,
    Socket,
    Other,
}
#pragma warning restore CS1591

/// <summary>
/// The file type of a path as lstat(2) sees it. .NET reports named pipes and devices as ordinary files
/// (FileAttributes.Normal), and opening a named pipe blocks until something writes to it, so the type
/// must be known before a file is opened: on Linux through statx(2), whose buffer has one layout on
/// every architecture.
/// </summary>
public static class FileType
{
    private const int AtFdCwd = -100, AtSymlinkNoFollow = 0x100;
    private const uint StatxType = 0x1;
    private const int ModeOffset = 28, StatxSize = 256;

    /// <summary>The kind of entry at <paramref name="path"/>; a link is a link, whatever it points at.</summary>
    public static FileKind Of(string path)
    {
        if (OperatingSystem.IsLinux()) return Statx(path);
        // Elsewhere only what .NET can see: links and folders (Windows has no named pipes or devices in folders).
        var info = new FileInfo(path);
        if (info.LinkTarget is not null) return FileKind.SymbolicLink;
        if (Directory.Exists(path)) return FileKind.Directory;
        return info.Exists ? FileKind.Regular : FileKind.Missing;
    }

    /// <summary>"a symbolic link", "a named pipe (FIFO)": for messages.</summary>
    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Directory => "a folder",
        FileKind.SymbolicLink => "a symbolic link",
        FileKind.Fifo => "a named pipe (FIFO)",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Socket => "a socket",
        FileKind.Other => "a special file",
        FileKind.Missing => "missing",
        _ => "a regular file",
    };

    private static FileKind Statx(string path)
    {
        var buffer = new byte[StatxSize];
        if (Native.statx(AtFdCwd, path, AtSymlinkNoFollow, StatxType, buffer) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            // ENOENT, ENOTDIR: nothing there. Anything else (EACCES...) is the reader's I/O error to report.
            if (errno is 2 or 20) return FileKind.Missing;
            throw new IOException($"Cannot inspect '{path}' (errno {errno}).");
        }
        var mode = BitConverter.ToUInt16(buffer, ModeOffset) & 0xF000;
        return mode switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0xA000 => FileKind.SymbolicLink,
            0x1000 => FileKind.Fifo,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0xC000 => FileKind.Socket,
            _ => FileKind.Other,
        };
    }

    private static class Native
    {
        [DllImport("libc", SetLastError = true)]
#pragma warning disable CA1707, IDE1006 // the C name
        public static extern int statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);
#pragma warning restore CA1707, IDE1006
    }
}
