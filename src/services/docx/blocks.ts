// The blocks a .docx holds are decided in core (pages and tracked changes count the same blocks).
export { exportedBlocks, blockKind, type ExportedBlock } from '../../core/tracked/exported';
