using DhrPortal.Cli;

return Entry.Run(Commands.Root(), args);
