/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef RTM_HUGE_PAGE_ALLOCATOR_H
#define RTM_HUGE_PAGE_ALLOCATOR_H

#include <cstddef>
#include <cstdlib>
#include <new>

#ifdef __linux__
#include <sys/mman.h>
#endif

namespace ns3
{

/**
 * @ingroup rtm
 * @brief A std::allocator that asks for transparent huge pages for large arrays.
 *
 * The table's arrays are read at random: once a table is far larger than what the TLB maps with
 * 4 KiB pages, every access also walks the page tables. Arrays of at least THRESHOLD bytes are
 * therefore allocated on 2 MiB boundaries, rounded up to whole 2 MiB pages, and marked
 * MADV_HUGEPAGE (Linux, transparent huge pages in "madvise" or "always" mode; elsewhere, or
 * with huge pages off, they are ordinary memory). The rounding costs at most one 2 MiB page per
 * array, at most 20% of an array at the threshold. Smaller arrays use operator new.
 *
 * @tparam T the element type
 */
template <typename T>
class RtmHugePageAllocator
{
  public:
    using value_type = T; //!< element type

    static constexpr std::size_t PAGE = std::size_t{2} << 20;      //!< huge page size
    static constexpr std::size_t THRESHOLD = std::size_t{8} << 20; //!< smallest array served

    RtmHugePageAllocator() noexcept = default;

    /// Rebinding constructor.
    template <typename U>
    RtmHugePageAllocator(const RtmHugePageAllocator<U>& /* other */) noexcept
    {
    }

    /**
     * @brief Allocate.
     * @param n number of elements
     * @return the memory
     */
    T* allocate(std::size_t n)
    {
        if (n > static_cast<std::size_t>(-1) / sizeof(T))
        {
            throw std::bad_array_new_length();
        }
        const std::size_t bytes = n * sizeof(T);
        if (bytes < THRESHOLD)
        {
            return static_cast<T*>(::operator new(bytes));
        }
        const std::size_t rounded = (bytes + PAGE - 1) / PAGE * PAGE;
        void* p = std::aligned_alloc(PAGE, rounded);
        if (!p)
        {
            throw std::bad_alloc();
        }
#ifdef MADV_HUGEPAGE
        madvise(p, rounded, MADV_HUGEPAGE); // advice only: failure leaves ordinary pages
#endif
        return static_cast<T*>(p);
    }

    /**
     * @brief Free.
     * @param p the memory
     * @param n number of elements it was allocated for
     */
    void deallocate(T* p, std::size_t n) noexcept
    {
        if (n * sizeof(T) < THRESHOLD)
        {
            ::operator delete(p);
            return;
        }
        std::free(p);
    }
};

/// @return true: the allocator is stateless
template <typename T, typename U>
bool
operator==(const RtmHugePageAllocator<T>& /* a */, const RtmHugePageAllocator<U>& /* b */)
{
    return true;
}

/// @return false: the allocator is stateless
template <typename T, typename U>
bool
operator!=(const RtmHugePageAllocator<T>& /* a */, const RtmHugePageAllocator<U>& /* b */)
{
    return false;
}

} // namespace ns3

#endif /* RTM_HUGE_PAGE_ALLOCATOR_H */
